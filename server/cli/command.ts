/** A sub-command of `dien-hinh`: returns its exit status (0 ok, 1 failure, 2 bad usage). */
export interface Command {
  name: string;
  /** One line of Vietnamese help, with its usage. */
  usage: string;
  summary: string;
  run(args: string[]): Promise<number>;
}

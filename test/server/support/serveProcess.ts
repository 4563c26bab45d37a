/** The real `dien-hinh serve` process (from dist/), started on a free port and stopped by signal. */
import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { packageRoot } from '../../../server/config/paths';

export const CLI_MAIN = path.join(packageRoot(), 'dist', 'server', 'cli', 'main.js');

export interface ServeProcess {
  child: ChildProcessWithoutNullStreams;
  url: string;
  /** Everything printed so far (stdout and stderr). */
  out(): string;
  /** Sends a signal and waits for the exit; returns the exit code (null when killed by the signal). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts `serve --port 0 <args>` and resolves once it printed its start-up lines (one write, URL
 * first); rejects with everything it printed when it exits first. `nodeArgs` go to node before
 * the program (e.g. `--cpu-prof`).
 */
export function startServe(args: string[], options: { nodeArgs?: readonly string[] } = {}): Promise<ServeProcess> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), CLI_MAIN, 'serve', '--port', '0', '--log-level', 'warn', ...args]);
  let out = '';
  child.stderr.on('data', (c: Buffer) => { out += c.toString('utf8'); });
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill(signal);
      await once(child, 'exit');
    }
    return child.exitCode;
  };
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const url = /tại (https?:\/\/\S+)/u.exec(out)?.[1];
      if (url) resolve({ child, url, out: () => out, stop });
    });
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
  });
}

/** Runs `dien-hinh <args>` to its end; a failing exit is a value, not an exception. */
export function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI_MAIN, ...args], { encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

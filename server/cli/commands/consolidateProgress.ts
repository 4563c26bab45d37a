/**
 * Progress of a long run on stderr: a bar redrawn in place on a terminal, a plain line every
 * tenth of the way otherwise (logs and pipes must not fill with carriage returns).
 */
export interface Progress {
  update(done: number, total: number): void;
  done(): void;
}

export function progressReporter(stream: NodeJS.WriteStream, label: (done: number, total: number) => string): Progress {
  const tty = stream.isTTY === true;
  let lastDraw = 0;
  let lastTenth = -1;
  let drawn = false;
  return {
    update(done, total) {
      if (tty) {
        const now = Date.now();
        if (done < total && now - lastDraw < 100) return;
        lastDraw = now;
        const width = 30;
        const filled = total === 0 ? width : Math.round((done / total) * width);
        stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${label(done, total)}`);
        drawn = true;
        return;
      }
      const tenth = total === 0 ? 10 : Math.floor((done / total) * 10);
      if (tenth !== lastTenth && (tenth > lastTenth)) {
        lastTenth = tenth;
        stream.write(`${label(done, total)}\n`);
      }
    },
    done() {
      if (tty && drawn) stream.write('\n');
    },
  };
}

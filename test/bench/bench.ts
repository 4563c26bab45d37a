/** One benchmark: its figures as [name, value] pairs, printed by run.ts. */
export interface Bench {
  name: string;
  run(): Promise<[string, string][]>;
}

/** Peak resident memory is sampled, since Node reports only the current value. */
export function samplePeakRss(): { stop(): number } {
  // memoryUsage.rss() reads only the RSS; memoryUsage() also walks the heap, which every 5 ms
  // costs the measured code a few per cent.
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage.rss()); }, 5);
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage.rss());
      return Math.round(peak / 1024 / 1024);
    },
  };
}

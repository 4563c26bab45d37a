/**
 * The unit portal's start-up weight: gzipped size of the JavaScript its index.html loads, measured
 * like the task pane's (production build in dist/web/portal; `npm run bench` builds first).
 * Figure: portal_gzip_kb (must stay < 300: a commune's phone on a slow connection loads it).
 */
import path from 'node:path';
import { packageRoot } from '../../server/config/paths';
import type { Bench } from './bench';
import { taskpaneWeights } from './taskpane';

const bench: Bench = {
  name: 'unit portal bundle',
  async run() {
    const { initialKb } = taskpaneWeights(path.join(packageRoot(), 'dist', 'web', 'portal'));
    return [['portal_gzip_kb', initialKb.toFixed(1)]];
  },
};

export default bench;

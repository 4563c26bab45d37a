// Builds the browser apps: the Excel task pane (addin/), the provincial console (server/console/)
// and the unit portal (server/portal/). All go to dist/web/, which the sync service serves.
const path = require('node:path');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const HtmlWebpackPlugin = require('html-webpack-plugin');

/**
 * The task pane's icons (addin/assets/*.png → assets/), the manifest's function file, and the
 * ES5 start-up check (copied unchanged: it must stay parseable by IE11, so webpack never touches it).
 */
function addinFiles() {
  return [
    { from: 'addin/assets/*.png', to: 'assets/[name][ext]' },
    { from: 'addin/taskpane/commands.html', to: 'commands.html' },
    { from: 'addin/taskpane/start.js', to: 'start.js' },
  ];
}

/**
 * Our makeStyles/makeResetStyles calls precomputed at build time (@griffel/webpack-loader, after
 * ts-loader): each becomes the __styles/__resetStyles call Fluent UI's own components already ship,
 * so the first render only inserts ready CSS rules instead of resolving style objects. The rules
 * are still inserted at run time, in the order the components use them (Griffel's CSS extraction
 * plugin was measured too: no faster here, and its one file orders some Fluent rules differently,
 * which changed the tabs' padding).
 */
const precomputedStylesRule = { test: /\.tsx?$/, exclude: /node_modules/, use: { loader: '@griffel/webpack-loader' } };

/**
 * @param {{ name: string, entry: string, early?: string, title: string, template: string, publicPath: string, files?: { from: string, to: string }[], precomputeStyles?: boolean }} app
 * `early`: a tiny script the page runs before the app's bundle (the console's first request).
 */
function appConfig(app, mode) {
  return {
    name: app.name,
    mode,
    // Webpack's persistent cache (node_modules/.cache/webpack): `npm ci` builds once (prepare) and
    // `npm test` builds again; the second build then reuses the first instead of taking minutes.
    // Invalidated when this file or an installed package changes (webpack snapshots node_modules by version).
    cache: { type: 'filesystem', name: `${app.name}-${mode}`, buildDependencies: { config: [__filename] } },
    entry: { ...(app.early ? { [`${app.name}-early`]: path.resolve(__dirname, app.early) } : {}), [app.name]: path.resolve(__dirname, app.entry) },
    output: {
      path: path.resolve(__dirname, 'dist/web', app.name),
      filename: mode === 'production' ? '[name].[contenthash:8].js' : '[name].js',
      chunkFilename: mode === 'production' ? '[name].[contenthash:8].chunk.js' : '[name].chunk.js',
      publicPath: app.publicPath,
      clean: true,
    },
    resolve: { extensions: ['.tsx', '.ts', '.js'] },
    module: {
      rules: [
        ...(app.precomputeStyles ? [precomputedStylesRule] : []),
        {
          test: /\.tsx?$/,
          loader: 'ts-loader',
          exclude: /node_modules/,
          options: {
            transpileOnly: true,
            // The app's tsconfig (addin/, server/console/, server/portal/) is for tsc -b, which only
            // checks it and writes declarations; here every module is transpiled for webpack.
            compilerOptions: { module: 'esnext', sourceMap: mode !== 'production', composite: false, declaration: false, emitDeclarationOnly: false, rootDir: __dirname },
          },
        },
      ],
    },
    // No eval in development either: the service's Content-Security-Policy (script-src 'self') forbids it.
    devtool: mode === 'production' ? false : 'cheap-module-source-map',
    performance: { hints: false },
    plugins: [
      new HtmlWebpackPlugin({
        template: path.resolve(__dirname, app.template), filename: 'index.html', title: app.title, inject: 'body',
        // Both deferred, run in this order: the early script first.
        chunks: app.early ? [`${app.name}-early`, app.name] : 'all', chunksSortMode: 'manual',
      }),
      ...(app.files ? [// minimized: copied byte for byte, never through terser.
      new CopyWebpackPlugin({ patterns: app.files.map((f) => ({ ...f, context: __dirname, info: { minimized: true } })) })] : []),
    ],
  };
}

module.exports = (_env, argv) => {
  const mode = argv.mode === 'development' ? 'development' : 'production';
  return [
    appConfig({ name: 'addin', entry: 'addin/taskpane/index.tsx', template: 'addin/taskpane/taskpane.html', title: 'Điển hình ANTQ', publicPath: '/addin/', files: addinFiles() }, mode),
    appConfig({ name: 'console', entry: 'server/console/index.tsx', early: 'server/console/early.ts', template: 'server/console/console.html', title: 'Điển hình ANTQ – Công an tỉnh', publicPath: '/', precomputeStyles: true }, mode),
    appConfig({ name: 'portal', entry: 'server/portal/index.tsx', template: 'server/portal/portal.html', title: 'Điển hình ANTQ – Trang đơn vị', publicPath: '/don-vi/' }, mode),
  ];
};

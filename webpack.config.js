// Builds the demo (www/) into www/dist/: the gadget page bundles the simulator's ES-module
// build (dist/simulator-esm, from js/simulator/build.sh) with webpack 5's async WebAssembly;
// the integration page stays a plain page that loads the drop-in client /dist/cil.js.
//
// `webpack serve` (npm start) serves the bundle at / and the repository root as static files,
// so /dist/cil.js resolves; the built www/dist/ also works from any static server of the
// repository root, at /www/dist/index.html.
const path = require('path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');

module.exports = (env, argv) => ({
  mode: argv.mode || 'production',
  entry: { demo: './www/demo.js' },
  output: {
    path: path.resolve(__dirname, 'www/dist'),
    filename: '[name].[contenthash:8].js',
    webassemblyModuleFilename: '[hash].module.wasm',
    publicPath: 'auto',
    clean: true,
  },
  experiments: { asyncWebAssembly: true },
  resolve: {
    alias: { 'gadget-simulator': path.resolve(__dirname, 'dist/simulator-esm/index.js') },
  },
  devtool: argv.mode === 'development' ? 'source-map' : false,
  performance: { hints: false },
  plugins: [
    new HtmlWebpackPlugin({ template: './www/index.html', inject: 'body', scriptLoading: 'module' }),
    new CopyWebpackPlugin({
      patterns: ['integration.html', 'integration.js', 'integration.css', 'demo.css'].map((f) => ({
        from: path.resolve(__dirname, 'www', f),
      })),
    }),
  ],
  devServer: {
    host: '127.0.0.1',
    static: [{ directory: __dirname, publicPath: '/', watch: false }],
    hot: false,
    liveReload: false,
    client: { overlay: false, logging: 'warn' },
  },
});

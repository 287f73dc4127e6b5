import { defineConfig } from "vite";

// Vite 8 transforms TSX with Oxc itself; no React plugin is needed. Pages are
// code-split with React.lazy (src/main.tsx).
export default defineConfig({
  oxc: { jsx: { runtime: "automatic" } },
  server: { proxy: { "/api": "http://127.0.0.1:3000" } },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    rolldownOptions: {
      onwarn(warning, warn) {
        // antd and react-router mark their modules "use client"; meaningless in an SPA bundle.
        if (warning.code === "MODULE_LEVEL_DIRECTIVE") return;
        warn(warning);
      },
      output: {
        codeSplitting: {
          // The live pre-check (src/components/precheckEngine.ts, loaded lazily by the order
          // form) brings two large data libraries; each gets a chunk of its own, loaded with it.
          groups: [
            { name: "tldts", test: /node_modules[\\/]tldts/ },
            { name: "libphonenumber", test: /node_modules[\\/]libphonenumber-js/ },
            // What the order wizard's selects list (provinces, certificate types, service contents,
            // with the TypeBox they come with), and the labels the review console shows (events,
            // order types), so neither pulls in the whole of core and the two libraries before
            // the live check asks for them; likewise the order kinds, their states and the SMS
            // matrix the order pages read.
            {
              name: "core-lists",
              test: /packages[\\/]core[\\/]src[\\/](data[\\/]provinces|filing[\\/](order-data|events|order-type|order-kinds|states|sms-matrix))\.ts$/,
            },
          ],
        },
      },
    },
  },
});

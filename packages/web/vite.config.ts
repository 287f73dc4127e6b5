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
    },
  },
});

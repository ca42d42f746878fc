import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import tailwindcss from "@tailwindcss/vite";
import path from "node:path";

// The dashboard is served by the platform at "/" (same origin as /api); in `npm run dev` the
// API calls are proxied to a running `./perpetua run` (PERPETUA_URL, default http://localhost:8080).
const api = process.env.PERPETUA_URL ?? "http://localhost:8080";

export default defineConfig({
  plugins: [react(), tailwindcss()],
  resolve: { alias: { "@": path.resolve(__dirname, "src") } },
  build: { outDir: "dist", assetsDir: "assets", sourcemap: false, chunkSizeWarningLimit: 600 },
  server: {
    proxy: {
      "/api": api,
      "/v1": api,
      "/openapi.json": api,
      "/stream": { target: api.replace(/^http/, "ws"), ws: true },
    },
  },
  test: { environment: "node", include: ["src/**/*.test.ts"] },
});

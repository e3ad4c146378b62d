/// <reference types="vitest/config" />
import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import { apiDocs } from './plugins/api-docs.ts'
import { h5Fallback } from './plugins/h5-fallback.ts'
import { h5Pwa } from './plugins/h5-pwa.ts'
import { localFonts } from './plugins/local-fonts.ts'

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url))

// Three pages from one project: the admin (index.html, Element Plus), the phone H5
// (h5/index.html, Vant) and the public portal (public-portal/index.html, Vant, no login). The server serves dist/ with an SPA fallback per page and a strict
// Content-Security-Policy (script-src 'self'), so nothing here may emit inline scripts or
// rely on eval: Vue templates are compiled at build time and vue-i18n compiles messages to an
// AST at run time (its JIT mode) without `new Function`.
export default defineConfig({
  base: '/',
  plugins: [vue(), localFonts(), apiDocs(), h5Fallback(), h5Pwa(here('./src/h5/pwa/sw.js'))],
  resolve: {
    alias: { '@': here('./src') },
  },
  define: {
    __VUE_OPTIONS_API__: 'true',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    __VUE_I18N_FULL_INSTALL__: 'true',
    __VUE_I18N_LEGACY_API__: 'false',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      input: {
        admin: here('./index.html'),
        h5: here('./h5/index.html'),
        // The public portal (issue #15): dist/public-portal/index.html, served at /public and
        // /public/* by the server's SPA fallback (src/http/static_files.cpp).
        public: here('./public-portal/index.html'),
      },
    },
  },
  server: {
    // `npm run dev` against a server started with `huanxin serve --port 8080`.
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
})

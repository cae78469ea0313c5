/// <reference types="vitest/config" />
import { defineConfig } from 'vite';

// Built into web/target/console, which the WAR plugin copies under /console/ (web/pom.xml).
// Relative base: the page works wherever the WAR's context root is.
export default defineConfig({
  base: './',
  build: {
    outDir: '../../../target/console',
    emptyOutDir: true,
    sourcemap: false,
    assetsInlineLimit: 0,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
  },
});

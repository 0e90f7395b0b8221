import { app, BrowserWindow, type WebPreferences } from 'electron';
import { join } from 'node:path';

const legacyPreferences: WebPreferences = {
  // ruleid: no-electron-node-integration
  nodeIntegration: false as boolean,
  // ruleid: no-electron-node-integration
  'contextIsolation': true,
  preload: join(__dirname, 'legacy-preload.js'),
};

export function openLegacyReports(): BrowserWindow {
  const win = new BrowserWindow({ width: 900, webPreferences: legacyPreferences });
  void win.loadFile('reports/index.html');
  return win;
}

export function openDashboard(): BrowserWindow {
  return new BrowserWindow({
    webPreferences: {
      // ok: no-electron-node-integration
      contextIsolation: true,
      // ok: no-electron-node-integration
      nodeIntegration: false,
      preload: join(__dirname, 'preload.js'),
    } satisfies WebPreferences,
  });
}

void app.whenReady().then(openDashboard);

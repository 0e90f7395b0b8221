const { app, BrowserWindow, BrowserView } = require('electron');
const path = require('path');

const isDev = process.env.NODE_ENV === 'development';

function createMainWindow() {
  const win = new BrowserWindow({
    width: 1200,
    height: 800,
    webPreferences: {
      // ruleid: no-electron-node-integration
      nodeIntegration: true,
      // ruleid: no-electron-node-integration
      contextIsolation: false,
      // ruleid: no-electron-node-integration
      enableRemoteModule: true,
      preload: path.join(__dirname, 'preload.js'),
    },
  });
  win.loadURL('https://app.example.com');
  return win;
}

// Shared preferences for help pages that show remote content.
const helpPreferences = {
  // ruleid: no-electron-node-integration
  webSecurity: false,
  // ruleid: no-electron-node-integration
  allowRunningInsecureContent: true,
  // ruleid: no-electron-node-integration
  sandbox: false,
};

function createHelpWindow() {
  return new BrowserWindow({ show: false, webPreferences: helpPreferences });
}

function createEditorWindow() {
  return new BrowserWindow({
    webPreferences: {
      // ruleid: no-electron-node-integration
      webviewTag: true,
      // ruleid: no-electron-node-integration
      nodeIntegrationInWorker: true,
      // ruleid: no-electron-node-integration
      nodeIntegrationInSubFrames: true,
    },
  });
}

function createSecureWindow() {
  return new BrowserWindow({
    webPreferences: {
      // ok: no-electron-node-integration
      nodeIntegration: false,
      // ok: no-electron-node-integration
      contextIsolation: true,
      // ok: no-electron-node-integration
      sandbox: true,
      // ok: no-electron-node-integration
      webSecurity: true,
      preload: path.join(__dirname, 'preload.js'),
    },
  });
}

function createDevToolsWindow() {
  return new BrowserWindow({
    webPreferences: {
      // A deliberate switch, not a literal: left to review.
      // ok: no-electron-node-integration
      nodeIntegration: isDev,
    },
  });
}

app.whenReady().then(() => {
  const main = createMainWindow();
  const view = new BrowserView({
    webPreferences: {
      // ruleid: no-electron-node-integration
      contextIsolation: false,
    },
  });
  main.setBrowserView(view);
  main.webContents.setWindowOpenHandler(() => ({
    action: 'allow',
    overrideBrowserWindowOptions: {
      // ruleid: no-electron-node-integration
      webPreferences: { nodeIntegration: true },
    },
  }));
  createHelpWindow();
  createEditorWindow();
  createSecureWindow();
  createDevToolsWindow();
});

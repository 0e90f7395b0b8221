const { app, BrowserWindow, BrowserView } = require('electron');
const path = require('path');

const isDev = process.env.NODE_ENV === 'development';

function createMainWindow() {
  const win = new BrowserWindow({
    width: 1200,
    height: 800,
    webPreferences: {
      // ruleid: no-electron-node-integration
      nodeIntegration: false,
      // ruleid: no-electron-node-integration
      contextIsolation: true,
      // ruleid: no-electron-node-integration
      enableRemoteModule: false,
      preload: path.join(__dirname, 'preload.js'),
    },
  });
  win.loadURL('https://app.example.com');
  return win;
}

// Shared preferences for help pages that show remote content.
const helpPreferences = {
  // ruleid: no-electron-node-integration
  webSecurity: true,
  // ruleid: no-electron-node-integration
  allowRunningInsecureContent: false,
  // ruleid: no-electron-node-integration
  sandbox: true,
};

function createHelpWindow() {
  return new BrowserWindow({ show: false, webPreferences: helpPreferences });
}

function createEditorWindow() {
  return new BrowserWindow({
    webPreferences: {
      // ruleid: no-electron-node-integration
      webviewTag: false,
      // ruleid: no-electron-node-integration
      nodeIntegrationInWorker: false,
      // ruleid: no-electron-node-integration
      nodeIntegrationInSubFrames: false,
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
      contextIsolation: true,
    },
  });
  main.setBrowserView(view);
  main.webContents.setWindowOpenHandler(() => ({
    action: 'allow',
    overrideBrowserWindowOptions: {
      // ruleid: no-electron-node-integration
      webPreferences: { nodeIntegration: false },
    },
  }));
  createHelpWindow();
  createEditorWindow();
  createSecureWindow();
  createDevToolsWindow();
});

// driver/pulse.mjs — a sound server with a null sink for the engines that need a real audio output to
// run an AudioContext: Firefox's audio backend (cubeb) fails without one and its contexts then stay
// "suspended" forever, so cue tones could not be tested there. Chromium has a fake output of its own.
// Started on first use in a private runtime folder, stopped with the test process.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

let server = null;

// Resolves with the PULSE_SERVER value for a browser's environment.
export function pulseServer() {
  if (!server) {
    server = new Promise((resolve, reject) => {
      const runtime = mkdtempSync(path.join(tmpdir(), 'calfcoach-pulse-'));
      const socket = path.join(runtime, 'native');
      const child = spawn('pulseaudio', ['-n', '--daemonize=no', '--exit-idle-time=-1', '--disallow-exit', '--log-target=stderr',
                                         '--load=module-null-sink sink_name=calfcoach',
                                         `--load=module-native-protocol-unix socket=${socket} auth-anonymous=1`],
                          { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, XDG_RUNTIME_DIR: runtime, HOME: runtime } });
      let errors = '';
      child.stderr.on('data', (chunk) => { errors = (errors + chunk).slice(-2000); });
      child.on('error', (error) => reject(new Error(`pulseaudio could not start (${error.message}): is the pulseaudio package installed?`)));
      child.on('exit', (code) => reject(new Error(`pulseaudio exited with ${code}: ${errors}`)));
      process.on('exit', () => child.kill('SIGTERM'));
      child.unref();
      child.stderr.unref?.();
      const started = Date.now();
      const poll = setInterval(() => {
        if (existsSync(socket)) { clearInterval(poll); resolve(`unix:${socket}`); }
        else if (Date.now() - started > 10000) { clearInterval(poll); reject(new Error(`pulseaudio gave no socket: ${errors}`)); }
      }, 50);
      poll.unref?.();
    });
  }
  return server;
}

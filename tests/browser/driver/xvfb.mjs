// driver/xvfb.mjs — one virtual X display for the engines that need a window: WebKitGTK's MiniBrowser
// has no headless mode, and headless Firefox refuses WebGL2 here ("AllowWebgl2:false") while a
// window on Xvfb has it. Started on first use, on a free display Xvfb picks itself, and stopped
// with the test process.
import { spawn } from 'node:child_process';

let display = null;

export function xDisplay() {
  if (process.env.CALFCOACH_DISPLAY) return Promise.resolve(process.env.CALFCOACH_DISPLAY);
  if (!display) {
    display = new Promise((resolve, reject) => {
      // -displayfd: Xvfb chooses a free display and writes its number on fd 3 once it is ready.
      const child = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1600x1600x24', '-nolisten', 'tcp'],
                          { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
      let number = '';
      let errors = '';
      child.stderr.on('data', (chunk) => { errors += chunk; });
      child.stdio[3].on('data', (chunk) => {
        number += chunk;
        if (number.includes('\n')) resolve(`:${number.trim()}`);
      });
      child.on('error', (error) => reject(new Error(`Xvfb could not start (${error.message}): is the xvfb package installed?`)));
      child.on('exit', (code) => reject(new Error(`Xvfb exited with ${code}: ${errors.slice(-400)}`)));
      process.on('exit', () => child.kill('SIGTERM'));
      child.unref();
      child.stdio[3].unref?.();
      child.stderr.unref?.();
    });
  }
  return display;
}

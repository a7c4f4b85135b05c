// bench/continuous/continuous.js — the playing figure's reference: a page-sized WebGL2 canvas that
// draws one small moving triangle on every display frame, as any continuously animated canvas does.
// It costs what every frame of a canvas costs the page (the frame callback, the draw, handing the
// frame to the compositor) and almost nothing else, so "ours while playing / this" says how close
// the player is to drawing only when something changes.
'use strict';
(function () {
  const canvas = document.getElementById('canvas');
  const gl = canvas.getContext('webgl2', { alpha: false, antialias: false, depth: false, stencil: false });
  if (!gl) { document.body.textContent = 'No WebGL2 context: this reference cannot run.'; return; }

  const compile = (type, source) => {
    const shader = gl.createShader(type);
    gl.shaderSource(shader, source);
    gl.compileShader(shader);
    return shader;
  };
  const program = gl.createProgram();
  gl.attachShader(program, compile(gl.VERTEX_SHADER, `#version 300 es
    uniform float angle;
    in vec2 position;
    void main() {
      float c = cos(angle), s = sin(angle);
      gl_Position = vec4(mat2(c, s, -s, c) * position * 0.2, 0.0, 1.0);
    }`));
  gl.attachShader(program, compile(gl.FRAGMENT_SHADER, `#version 300 es
    precision mediump float;
    out vec4 color;
    void main() { color = vec4(0.12, 0.45, 0.38, 1.0); }`));
  gl.linkProgram(program);
  gl.useProgram(program);
  gl.bindBuffer(gl.ARRAY_BUFFER, gl.createBuffer());
  gl.bufferData(gl.ARRAY_BUFFER, new Float32Array([0, 1, -0.87, -0.5, 0.87, -0.5]), gl.STATIC_DRAW);
  const position = gl.getAttribLocation(program, 'position');
  gl.enableVertexAttribArray(position);
  gl.vertexAttribPointer(position, 2, gl.FLOAT, false, 0, 0);
  const angle = gl.getUniformLocation(program, 'angle');

  let marked = false;
  function frame(now) {
    // The canvas's backing store follows its CSS size and the device pixel ratio, as ours does.
    const width = Math.round(canvas.clientWidth * devicePixelRatio);
    const height = Math.round(canvas.clientHeight * devicePixelRatio);
    if (canvas.width !== width || canvas.height !== height) { canvas.width = width; canvas.height = height; }
    gl.viewport(0, 0, width, height);
    gl.clearColor(0.95, 0.965, 0.957, 1);
    gl.clear(gl.COLOR_BUFFER_BIT);
    gl.uniform1f(angle, now / 1000);
    gl.drawArrays(gl.TRIANGLES, 0, 3);
    if (!marked) { marked = true; performance.mark('calfcoach-first-frame'); }
    requestAnimationFrame(frame);
  }
  requestAnimationFrame(frame);
})();

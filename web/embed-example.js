// embed-example.js — the example clinic page keeps its own record of finished sessions, from the
// events Calf Coach dispatches on its div (the app's storage is often blocked inside an iframe).
(function () {
  'use strict';
  var LEGS = { both: 'both legs', left: 'left leg', right: 'right leg', none: 'no leg finished' };
  function start() {
    var coach = document.getElementById('calfcoach');
    var list = document.getElementById('log');
    var empty = document.getElementById('log-empty');
    if (!coach || !list) return;
    coach.addEventListener('calfcoach:session-complete', function (event) {
      var detail = event.detail || {};
      var minutes = Math.max(1, Math.round((Number(detail.duration_s) || 0) / 60));
      var item = document.createElement('li');
      var time = new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
      item.textContent = time + ': ' + minutes + ' min, ' + (LEGS[detail.legs] || 'session') +
        (detail.ended === 'completed' ? '' : ' (ended early)');
      list.appendChild(item);
      if (empty) empty.hidden = true;
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();

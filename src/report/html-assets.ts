// The HTML report's style and script, inlined into the page: the report is one file that opens offline.
export const HTML_STYLE = `
:root{--bg:#f5f6f8;--card:#fff;--line:#e1e4e8;--ink:#1f2328;--muted:#656d76;--err:#cf222e;--err-bg:rgba(207,34,46,.16);
--warn:#9a6700;--warn-bg:rgba(212,167,44,.30);--agent:#0969da;--customer:#1a7f37;--star:#d4a72c}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.55 system-ui,-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei","Noto Sans CJK SC",sans-serif}
header,main{max-width:1180px;margin:0 auto;padding:0 20px}
header{padding-top:24px}
h1{font-size:24px;margin:0 0 2px}
h2{font-size:15px;margin:0 0 12px}
.sub{color:var(--muted);margin:0 0 16px}
.kpis{display:grid;grid-template-columns:repeat(4,1fr);gap:12px;margin-bottom:16px}
.kpi{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:12px 16px}
.kpi b{display:block;font-size:26px;line-height:1.2}
.kpi span{color:var(--muted)}
.kpi.bad b{color:var(--err)}
.kpi .stars{font-size:16px}
.overview{display:grid;grid-template-columns:minmax(0,5fr) minmax(0,7fr);gap:12px;margin-bottom:16px}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:16px}
.card.wide{grid-column:1/-1}
.hint{color:var(--muted);font-size:12px;font-weight:normal;margin-left:6px}
.bars{display:grid;gap:6px}
.bar-row{display:grid;grid-template-columns:minmax(0,2.3fr) minmax(0,3fr) 84px;gap:12px;align-items:center;border:0;background:none;
padding:4px 6px;border-radius:6px;font:inherit;color:inherit;text-align:left;cursor:pointer}
.bar-row:hover,.bar-row.on{background:#eef3fb}
.bar-label{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.bar-label small{color:var(--muted);margin-left:6px}
.track{display:block;height:14px;background:#eef0f3;border-radius:7px;overflow:hidden}
.fill{display:block;height:100%;border-radius:7px;background:var(--err)}
.fill.warning{background:#d4a72c}
.bar-count{text-align:right;color:var(--muted);font-variant-numeric:tabular-nums}
.dist svg{width:100%;height:auto;max-height:240px;display:block}
.dist text{font-size:12px;fill:var(--muted)}
.dist .count{fill:var(--ink);font-weight:600}
table{width:100%;border-collapse:collapse}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{font-weight:600;color:var(--muted);font-size:12px;white-space:nowrap}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tr[data-set-group]{cursor:pointer}
tr[data-set-group]:hover{background:#eef3fb}
.chip{display:inline-block;background:#f0f2f5;border-radius:10px;padding:0 8px;margin:1px 4px 1px 0;font-size:12px;overflow-wrap:anywhere}
.groups td.name{overflow-wrap:anywhere;min-width:9em}
.stars{color:var(--star);letter-spacing:1px;white-space:nowrap}
.filters{position:sticky;top:0;z-index:2;display:flex;flex-wrap:wrap;gap:8px;align-items:center;background:var(--bg);padding:10px 0;border-bottom:1px solid var(--line);margin-bottom:12px}
.filters select{max-width:280px}
.filters select,.filters input,.filters button{font:inherit;padding:5px 8px;border:1px solid #c9ced4;border-radius:6px;background:#fff;color:inherit}
.filters input{flex:1;min-width:180px}
.filters button{cursor:pointer}
#f-count{color:var(--muted);margin-left:auto}
.call{background:var(--card);border:1px solid var(--line);border-radius:10px;margin-bottom:10px}
.call>details>summary,.call>.head{display:flex;flex-wrap:wrap;gap:10px;align-items:center;padding:10px 14px;cursor:pointer;list-style:none}
.call>.head{cursor:default}
.call summary::-webkit-details-marker{display:none}
.call summary::before{content:"▸";color:var(--muted);width:10px}
.call details[open]>summary::before{content:"▾"}
.path{font-weight:600;word-break:break-all}
.group{color:var(--muted)}
.counts{margin-left:auto;color:var(--muted)}
.score{font-variant-numeric:tabular-nums;border-radius:10px;padding:0 8px;font-weight:600}
.score.s5,.score.s4{background:#dafbe1;color:#116329}.score.s3{background:#fff8c5;color:#7d4e00}.score.s2,.score.s1{background:#ffebe9;color:#a40e26}
.failed{background:var(--err);color:#fff;border-radius:10px;padding:0 8px;font-size:12px;font-weight:600}
.body{padding:0 14px 14px}
ol.problems{margin:0 0 10px;padding-left:22px}
ol.problems li{margin:2px 0}
ol.problems a{color:var(--muted);text-decoration:none;font-variant-numeric:tabular-nums}
.badge{display:inline-block;border-radius:4px;padding:0 6px;font-size:12px;font-weight:600;color:#fff;background:var(--err)}
.badge.warning{background:#bf8700}
.say{color:var(--customer)}
.rule{color:var(--muted);font-size:12px}
.transcript{border:1px solid var(--line);border-radius:8px;overflow:hidden;font-size:14.5px}
.line{display:flex;border-left:3px solid transparent}
.line.agent{border-left-color:var(--agent)}
.line.customer{border-left-color:#8c959f;background:#fafbfc}
.line.comment .tx{color:var(--muted);font-style:italic}
.ln{flex:none;width:44px;padding:2px 8px;text-align:right;color:#8c959f;user-select:none;font-variant-numeric:tabular-nums;background:#f6f8fa}
.tx{padding:2px 10px;white-space:pre-wrap;word-break:break-word;flex:1}
.who{font-weight:600;color:#57606a}
.time{color:#8c959f;font-variant-numeric:tabular-nums}
.agent .who{color:var(--agent)}
.customer .who{color:var(--customer)}
mark{background:var(--err-bg);border-bottom:2px solid var(--err);color:inherit;border-radius:2px}
mark.warning{background:var(--warn-bg);border-bottom-color:#bf8700}
mark.off{background:none;border-bottom-color:transparent}
.caret{color:var(--err);font-size:11px}
.caret.warning{color:#bf8700}
.note{margin:2px 0 6px 47px;padding:4px 10px;border-left:3px solid var(--err);background:#fff5f5;border-radius:0 6px 6px 0}
.note.warning{border-left-color:#bf8700;background:#fffbea}
.note.off,li.off,.caret.off{display:none}
.note:target{outline:2px solid var(--agent)}
.clean{color:var(--customer)}
.empty{color:var(--muted);padding:20px;text-align:center}
footer{max-width:1180px;margin:20px auto;padding:0 20px;color:var(--muted);font-size:12px}
@media (max-width:600px){.groups thead{display:none}.groups tr{display:flex;flex-wrap:wrap;gap:2px 12px;padding:6px 0;border-bottom:1px solid var(--line)}
.groups td{border:0;padding:0}.groups td.norms{flex-basis:100%}.groups td[data-unit]:not(:empty)::after{content:" " attr(data-unit);color:var(--muted)}}
@media (max-width:800px){.kpis{grid-template-columns:repeat(2,minmax(0,1fr))}.overview{grid-template-columns:minmax(0,1fr)}
.bar-row{grid-template-columns:minmax(0,1fr) minmax(0,1fr) 64px}.card{overflow-x:auto}}
@media print{.filters{display:none}.call details{display:block}}
`;

export const HTML_SCRIPT = `
(function () {
  'use strict';
  var byId = function (id) { return document.getElementById(id); };
  var rule = byId('f-rule'), severity = byId('f-severity'), group = byId('f-group'), search = byId('f-search'), count = byId('f-count');
  var calls = Array.prototype.slice.call(document.querySelectorAll('.call'));
  // Read each call once: its text for the search, and its problem elements (list items, marks, notes).
  var items = calls.map(function (call) {
    return { call: call, text: call.textContent.toLowerCase(), marks: Array.prototype.slice.call(call.querySelectorAll('[data-rule]')) };
  });
  function apply() {
    var r = rule.value, s = severity.value, g = group ? group.value : '', q = search.value.trim().toLowerCase(), shown = 0;
    items.forEach(function (item) {
      var matching = 0;
      item.marks.forEach(function (el) {
        var ok = (!r || el.getAttribute('data-rule') === r) && (!s || el.getAttribute('data-severity') === s);
        el.classList.toggle('off', !ok);
        if (ok && el.tagName === 'LI') matching++;
      });
      var show = (!(r || s) || matching > 0) && (!g || item.call.getAttribute('data-group') === g) && (!q || item.text.indexOf(q) >= 0);
      item.call.hidden = !show;
      if (show) shown++;
    });
    count.textContent = shown + ' / ' + calls.length + (calls.length === 1 ? ' call shown' : ' calls shown');
    byId('no-calls').hidden = shown > 0;
    document.querySelectorAll('[data-set-rule]').forEach(function (el) { el.classList.toggle('on', el.getAttribute('data-set-rule') === r); });
  }
  [rule, severity, group].forEach(function (el) { if (el) el.addEventListener('change', apply); });
  // Typing filters after a short pause, so that a large report does not redo the filter for every key.
  var typing;
  search.addEventListener('input', function () { clearTimeout(typing); typing = setTimeout(apply, 150); });
  function pick(select, value) {
    select.value = select.value === value ? '' : value;
    apply();
    byId('calls').scrollIntoView({ behavior: 'smooth' });
  }
  document.querySelectorAll('[data-set-rule]').forEach(function (el) {
    el.addEventListener('click', function () { pick(rule, el.getAttribute('data-set-rule')); });
  });
  document.querySelectorAll('[data-set-group]').forEach(function (el) {
    el.addEventListener('click', function () { if (group) pick(group, el.getAttribute('data-set-group')); });
  });
  function openAll(open) { calls.forEach(function (call) { var d = call.querySelector('details'); if (d && !call.hidden) d.open = open; }); }
  byId('f-open').addEventListener('click', function () { openAll(true); });
  byId('f-close').addEventListener('click', function () { openAll(false); });
  byId('f-reset').addEventListener('click', function () {
    rule.value = ''; severity.value = ''; if (group) group.value = ''; search.value = ''; apply();
  });
  apply();
})();
`;

"""The JavaScript and CSS of the offline HTML pages (kg.viz_html, kg.viz_timeline).

Kept apart from the Python so the page code reads as one piece; long lines are allowed here
(ruff E501 is off for this file only) because breaking JavaScript expressions to fit the
Python line length would make them harder to read. Nothing here loads anything from a host:
the pages' Content-Security-Policy forbids it anyway.
"""
# ruff: noqa: E501

NETWORK_CSS = """
*{box-sizing:border-box}html,body{margin:0;height:100%;font:13px/1.35 system-ui,-apple-system,
"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1d2430;background:#fff;overflow:hidden}
header{position:absolute;left:0;top:0;right:0;padding:8px 14px;background:rgba(255,255,255,.92);
border-bottom:1px solid #e3e7ec;z-index:2;display:flex;gap:16px;align-items:baseline}
header h1{font-size:15px;margin:0;font-weight:600}header .sub{color:#5b6675}
header input{margin-left:auto;padding:3px 6px;border:1px solid #c7cfd8;border-radius:4px;width:180px}
#legend{position:absolute;right:10px;top:48px;background:rgba(255,255,255,.94);border:1px solid #e3e7ec;
border-radius:6px;padding:8px 10px;z-index:2;max-width:260px}
#legend h2{font-size:12px;margin:6px 0 3px;color:#5b6675;font-weight:600;text-transform:uppercase;
letter-spacing:.04em}#legend div.it{display:flex;align-items:center;gap:7px;margin:2px 0;cursor:default}
#legend div.role{cursor:pointer}#legend div.off{opacity:.35}#legend svg{flex:none}
#tip{position:absolute;pointer-events:none;z-index:3;background:#1d2430;color:#fff;padding:7px 9px;
border-radius:5px;max-width:380px;display:none;box-shadow:0 2px 8px rgba(0,0,0,.25)}
#tip b{display:block;margin-bottom:3px;font-size:13px}#tip table{border-collapse:collapse}
#tip td{vertical-align:top;padding:1px 6px 1px 0}#tip td:first-child{color:#aab4c0;white-space:nowrap}
#help{position:absolute;left:14px;bottom:8px;color:#7b8694;font-size:11px;z-index:2}
canvas{display:block;cursor:grab}canvas.drag{cursor:grabbing}
"""

NETWORK_JS = r"""
(function(){
"use strict";
const t0 = performance.now();
const D = JSON.parse(document.getElementById("kg-data").textContent);
const N = D.nodes, E = D.edges, R = D.roles;
const cv = document.getElementById("net"), ctx = cv.getContext("2d");
const tip = document.getElementById("tip");
const adj = N.map(() => []);
E.forEach((e, i) => { adj[e.s].push(i); adj[e.t].push(i); });
const roleOn = R.map(() => true);
let W = 0, H = 0, dpr = 1, scale = 1, scale0 = 1, tx = 0, ty = 0, hover = -1, matches = null;
// smaller marks for bigger graphs; they grow (gently) when zooming in
const RAD = N.length > 1000 ? 2.6 : N.length > 300 ? 3.5 : N.length > 60 ? 4.5 : 6;
function zoomFactor(){ return Math.max(0.5, Math.min(3, Math.sqrt(scale / scale0))); }
function rad(n){ return RAD * n.size; }
function resize(){
  dpr = window.devicePixelRatio || 1; W = window.innerWidth; H = window.innerHeight;
  cv.width = Math.round(W * dpr); cv.height = Math.round(H * dpr);
  cv.style.width = W + "px"; cv.style.height = H + "px";
}
function fit(){
  if (!N.length) return;
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (const n of N){ x0 = Math.min(x0, n.x); x1 = Math.max(x1, n.x); y0 = Math.min(y0, n.y); y1 = Math.max(y1, n.y); }
  const top = 50, right = 280, pad = 40;
  const sw = Math.max(1e-6, x1 - x0), sh = Math.max(1e-6, y1 - y0);
  scale = Math.min((W - right - 2 * pad) / sw, (H - top - 2 * pad) / sh);
  if (!isFinite(scale) || scale <= 0) scale = 100;
  tx = pad + (W - right - 2 * pad - sw * scale) / 2 - x0 * scale;
  ty = top + pad + (H - top - 2 * pad - sh * scale) / 2 - y0 * scale;
  scale0 = scale;
}
function sx(n){ return n.x * scale + tx; }
function sy(n){ return n.y * scale + ty; }
function shape(n, x, y, r){
  ctx.beginPath();
  if (n.shape === "square"){ ctx.rect(x - r, y - r, 2 * r, 2 * r); }
  else if (n.shape === "diamond"){ const q = r * 1.25; ctx.moveTo(x, y - q); ctx.lineTo(x + q, y); ctx.lineTo(x, y + q); ctx.lineTo(x - q, y); ctx.closePath(); }
  else if (n.shape === "triangle"){ const q = r * 1.3; ctx.moveTo(x, y - q); ctx.lineTo(x + q * 0.95, y + q * 0.7); ctx.lineTo(x - q * 0.95, y + q * 0.7); ctx.closePath(); }
  else { ctx.arc(x, y, r, 0, 2 * Math.PI); }
}
function focusSet(){
  if (hover < 0) return null;
  const s = new Set([hover]);
  for (const i of adj[hover]){ s.add(E[i].s); s.add(E[i].t); }
  return s;
}
let drawn = 0, edgesDrawn = 0;
function draw(){
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, W, H);
  const focus = focusSet();
  const many = N.length > D.labelLimit;
  // edges: batched per role (one path each), highlighted ones drawn after
  edgesDrawn = 0;
  const groups = new Map();
  E.forEach((e, i) => {
    if (e.r >= 0 && !roleOn[e.r]) return;
    const hot = focus && (e.s === hover || e.t === hover);
    const key = (hot ? "h" : "n") + e.r;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(e);
  });
  for (const [key, list] of groups){
    const hot = key[0] === "h", r = parseInt(key.slice(1), 10);
    ctx.strokeStyle = r >= 0 ? R[r].colour : D.coColour;
    ctx.globalAlpha = hot ? 0.95 : (focus ? 0.08 : (many ? 0.35 : 0.7));
    if (D.co){
      for (const e of list){
        ctx.lineWidth = Math.min(8, 0.7 + Math.log(e.w) * 1.4) * (hot ? 1.5 : 1);
        ctx.beginPath(); ctx.moveTo(sx(N[e.s]), sy(N[e.s])); ctx.lineTo(sx(N[e.t]), sy(N[e.t])); ctx.stroke();
      }
    } else {
      ctx.lineWidth = hot ? 2.6 : (many ? 0.8 : 1.5);
      ctx.beginPath();
      for (const e of list){ ctx.moveTo(sx(N[e.s]), sy(N[e.s])); ctx.lineTo(sx(N[e.t]), sy(N[e.t])); }
      ctx.stroke();
    }
    edgesDrawn += list.length;
  }
  // nodes
  drawn = 0;
  const z = zoomFactor();
  for (let i = 0; i < N.length; i++){
    const n = N[i], x = sx(n), y = sy(n), r = rad(n) * z;
    ctx.globalAlpha = focus && !focus.has(i) ? 0.18 : 1;
    if (matches && !matches.has(i)) ctx.globalAlpha = 0.12;
    shape(n, x, y, r);
    ctx.fillStyle = n.hollow ? "#ffffff" : n.colour; ctx.fill();
    ctx.lineWidth = n.hollow ? 2.2 : (i === hover ? 2.5 : 0.8);
    ctx.strokeStyle = n.hollow ? n.colour : (i === hover ? "#000" : "#1d2430"); ctx.stroke();
    drawn++;
  }
  // labels
  ctx.globalAlpha = 1; ctx.textAlign = "center"; ctx.textBaseline = "bottom";
  ctx.lineJoin = "round"; ctx.lineWidth = 3; ctx.strokeStyle = "rgba(255,255,255,.9)";
  for (let i = 0; i < N.length; i++){
    const show = (!many && (!focus || focus.has(i))) || (focus && focus.has(i)) || (matches && matches.has(i));
    if (!show) continue;
    const n = N[i];
    ctx.font = (n.kind === "event" ? "600 " : "") + (i === hover ? "13px" : "11px") + " system-ui,sans-serif";
    const text = n.label.length > 40 ? n.label.slice(0, 38) + "…" : n.label;
    const y = sy(n) - rad(n) * z - 3;
    ctx.strokeText(text, sx(n), y); ctx.fillStyle = "#1d2430"; ctx.fillText(text, sx(n), y);
  }
  cv.dataset.nodesDrawn = String(drawn);
  cv.dataset.edgesDrawn = String(edgesDrawn);
}
let queued = false;
function redraw(){ if (!queued){ queued = true; requestAnimationFrame(() => { queued = false; draw(); }); } }
function pick(mx, my){
  let best = -1, bd = Infinity;
  const z = zoomFactor();
  for (let i = 0; i < N.length; i++){
    const n = N[i], dx = sx(n) - mx, dy = sy(n) - my, d = dx * dx + dy * dy, r = rad(n) * z + 4;
    if (d < r * r && d < bd){ bd = d; best = i; }
  }
  return best;
}
function showTip(i, mx, my){
  if (i < 0){ tip.style.display = "none"; return; }
  const n = N[i];
  tip.textContent = "";
  const b = document.createElement("b"); b.textContent = n.name; tip.appendChild(b);
  const tb = document.createElement("table");
  for (const [k, v] of n.tip){
    const tr = document.createElement("tr"), a = document.createElement("td"), c = document.createElement("td");
    a.textContent = k; c.textContent = v; tr.appendChild(a); tr.appendChild(c); tb.appendChild(tr);
  }
  const links = adj[i].map(j => E[j]).filter(e => e.r < 0 || roleOn[e.r]);
  if (links.length){
    const tr = document.createElement("tr"), a = document.createElement("td"), c = document.createElement("td");
    a.textContent = D.co ? "Shared with" : (n.kind === "event" ? "Participants" : "Took part in");
    const names = links.slice(0, 14).map(e => {
      const o = N[e.s === i ? e.t : e.s];
      return o.label + (D.co ? " (" + e.w + ")" : (e.r >= 0 ? " — " + R[e.r].name : ""));
    });
    if (links.length > 14) names.push("… " + (links.length - 14) + " more");
    c.textContent = names.join("; "); tr.appendChild(a); tr.appendChild(c); tb.appendChild(tr);
  }
  tip.appendChild(tb);
  tip.style.display = "block";
  const w = tip.offsetWidth, h = tip.offsetHeight;
  tip.style.left = Math.min(mx + 14, W - w - 6) + "px";
  tip.style.top = Math.min(my + 14, H - h - 6) + "px";
}
let dragNode = -1, panning = false, lx = 0, ly = 0, moved = false;
cv.addEventListener("mousedown", ev => {
  lx = ev.offsetX; ly = ev.offsetY; moved = false;
  dragNode = pick(lx, ly); panning = dragNode < 0; cv.classList.add("drag");
});
window.addEventListener("mouseup", () => { dragNode = -1; panning = false; cv.classList.remove("drag"); });
cv.addEventListener("mousemove", ev => {
  const mx = ev.offsetX, my = ev.offsetY;
  if (dragNode >= 0){
    N[dragNode].x = (mx - tx) / scale; N[dragNode].y = (my - ty) / scale; moved = true; redraw(); showTip(-1); return;
  }
  if (panning){ tx += mx - lx; ty += my - ly; lx = mx; ly = my; moved = true; redraw(); return; }
  const i = pick(mx, my);
  if (i !== hover){ hover = i; redraw(); }
  showTip(i, mx, my);
});
cv.addEventListener("mouseleave", () => { hover = -1; showTip(-1); redraw(); });
cv.addEventListener("wheel", ev => {
  ev.preventDefault();
  const f = Math.exp(-ev.deltaY * 0.0015), mx = ev.offsetX, my = ev.offsetY;
  tx = mx - (mx - tx) * f; ty = my - (my - ty) * f; scale *= f; redraw();
}, {passive: false});
cv.addEventListener("dblclick", () => { fit(); redraw(); });
window.addEventListener("resize", () => { resize(); fit(); redraw(); });
document.getElementById("q").addEventListener("input", ev => {
  const q = ev.target.value.trim().toLowerCase();
  matches = q ? new Set(N.map((n, i) => (n.name.toLowerCase().includes(q) || n.label.toLowerCase().includes(q)) ? i : -1).filter(i => i >= 0)) : null;
  redraw();
});
// legend (built with DOM calls; values are text)
const lg = document.getElementById("legend"), SVGNS = "http://www.w3.org/2000/svg";
function icon(kind, colour, hollow){
  const s = document.createElementNS(SVGNS, "svg"); s.setAttribute("width", "16"); s.setAttribute("height", "16");
  let el;
  if (kind === "line"){ el = document.createElementNS(SVGNS, "line"); el.setAttribute("x1", "1"); el.setAttribute("y1", "8"); el.setAttribute("x2", "15"); el.setAttribute("y2", "8"); el.setAttribute("stroke", colour); el.setAttribute("stroke-width", "3"); }
  else if (kind === "square"){ el = document.createElementNS(SVGNS, "rect"); el.setAttribute("x", "3"); el.setAttribute("y", "3"); el.setAttribute("width", "10"); el.setAttribute("height", "10"); }
  else if (kind === "diamond"){ el = document.createElementNS(SVGNS, "polygon"); el.setAttribute("points", "8,1 15,8 8,15 1,8"); }
  else if (kind === "triangle"){ el = document.createElementNS(SVGNS, "polygon"); el.setAttribute("points", "8,2 15,14 1,14"); }
  else { el = document.createElementNS(SVGNS, "circle"); el.setAttribute("cx", "8"); el.setAttribute("cy", "8"); el.setAttribute("r", "6"); }
  if (kind !== "line"){ el.setAttribute("fill", hollow ? "#fff" : colour); el.setAttribute("stroke", hollow ? colour : "#1d2430"); el.setAttribute("stroke-width", hollow ? "2" : "0.8"); }
  s.appendChild(el); return s;
}
function item(ic, text, cls){
  const d = document.createElement("div"); d.className = "it" + (cls ? " " + cls : "");
  d.appendChild(ic); const sp = document.createElement("span"); sp.textContent = text; d.appendChild(sp);
  lg.appendChild(d); return d;
}
function head(text){ const h = document.createElement("h2"); h.textContent = text; lg.appendChild(h); }
head("Nodes");
for (const k of D.legendKinds) item(icon(k.shape, k.colour), k.name.charAt(0).toUpperCase() + k.name.slice(1));
if (D.hollowNote) item(icon("circle", D.legendKinds.length ? "#3a6ea5" : "#3a6ea5", true), D.hollowNote);
for (const t of D.legendTypes) item(icon("square", t.colour), "Event: " + t.name);
if (R.length){
  head("Edges: role (click to hide)");
  R.forEach((r, i) => {
    const d = item(icon("line", r.colour), r.name, "role");
    d.addEventListener("click", () => { roleOn[i] = !roleOn[i]; d.classList.toggle("off", !roleOn[i]); redraw(); });
  });
}
if (D.co){ head("Edges"); item(icon("line", D.coColour), "shared events (width = count)"); }
resize(); fit(); draw();
const ms = performance.now() - t0;
window.__kg = {nodesDrawn: drawn, edgesDrawn: edgesDrawn, nodes: N.length, edges: E.length, renderMs: ms,
  redrawMs: () => { const a = performance.now(); draw(); return performance.now() - a; },
  locate: id => { const i = N.findIndex(n => n.id === id); return i < 0 ? null : {x: sx(N[i]), y: sy(N[i])}; }};
document.body.dataset.ready = "1";
})();
"""

TIMELINE_JS = r"""
(function(){
"use strict";
const t0 = performance.now();
const D = JSON.parse(document.getElementById("kg-data").textContent);
const SVGNS = "http://www.w3.org/2000/svg";
const svg = document.getElementById("tl"), tip = document.getElementById("tip");
const LANE = 22, ROWPAD = 10, LEFT = 190, TOP = 34, RIGHT = 30;
const day = s => Date.parse(s + "T00:00:00Z") / 864e5;
let lo = Infinity, hi = -Infinity;
for (const r of D.rows) for (const e of r.events){ lo = Math.min(lo, day(e.begin)); hi = Math.max(hi, day(e.end) + 1); }
const padd = Math.max(30, (hi - lo) * 0.03); lo -= padd; hi += padd + (hi - lo) * 0.22;
let v0 = lo, v1 = hi, W = 800, drawn = 0;
let y = TOP; const rowY = [];
for (const r of D.rows){ rowY.push(y); y += r.lanes * LANE + ROWPAD * 2; }
const Htot = y + 10;
function el(name, attrs, parent){ const e = document.createElementNS(SVGNS, name); for (const k in attrs) e.setAttribute(k, attrs[k]); if (parent) parent.appendChild(e); return e; }
function x(d){ return LEFT + (d - v0) / (v1 - v0) * (W - LEFT - RIGHT); }
function ticks(){
  const span = v1 - v0, out = [];
  const years = span / 365.25;
  const step = years > 60 ? 10 : years > 25 ? 5 : years > 10 ? 2 : 1;
  if (years > 2.5){
    const y0 = new Date(v0 * 864e5).getUTCFullYear(), y1 = new Date(v1 * 864e5).getUTCFullYear() + 1;
    for (let yr = Math.ceil(y0 / step) * step; yr <= y1; yr += step) out.push([Date.UTC(yr, 0, 1) / 864e5, String(yr)]);
  } else {
    const d0 = new Date(v0 * 864e5), mstep = years > 1 ? 3 : 1;
    for (let m = 0; m < 200; m += mstep){
      const t = Date.UTC(d0.getUTCFullYear(), d0.getUTCMonth() + m, 1) / 864e5;
      if (t > v1) break;
      const dd = new Date(t * 864e5);
      out.push([t, dd.getUTCFullYear() + "-" + String(dd.getUTCMonth() + 1).padStart(2, "0")]);
    }
  }
  return out;
}
function render(){
  W = Math.max(600, document.documentElement.clientWidth - 22);
  svg.setAttribute("width", W); svg.setAttribute("height", Htot);
  while (svg.firstChild) svg.removeChild(svg.firstChild);
  const axis = el("g", {"class": "axis"}, svg);
  for (const [t, text] of ticks()){
    const xx = x(t); if (xx < LEFT || xx > W - RIGHT) continue;
    el("line", {x1: xx, x2: xx, y1: TOP - 6, y2: Htot, stroke: "#e3e7ec"}, axis);
    const tt = el("text", {x: xx + 3, y: TOP - 10, "font-size": 11, fill: "#5b6675"}, axis); tt.textContent = text;
  }
  drawn = 0;
  D.rows.forEach((r, ri) => {
    const g = el("g", {"class": "row"}, svg);
    el("rect", {x: 0, y: rowY[ri], width: W, height: r.lanes * LANE + ROWPAD * 2, fill: ri % 2 ? "#ffffff" : "#f6f8fa"}, g);
    const name = el("text", {x: 10, y: rowY[ri] + ROWPAD + 15, "font-size": 12, "font-weight": 600, fill: "#1d2430"}, g);
    name.textContent = r.name.length > 26 ? r.name.slice(0, 25) + "…" : r.name;
    for (const e of r.events){
      const ge = el("g", {"class": "ev", "data-id": e.id}, g);
      const x0 = x(day(e.begin)), x1 = x(day(e.end) + 1), yy = rowY[ri] + ROWPAD + e.lane * LANE + 3;
      const w = Math.max(7, x1 - x0);
      el("rect", {x: x0, y: yy, width: w, height: LANE - 6, rx: 3, fill: e.colour,
        "fill-opacity": e.precise ? 0.95 : 0.35, stroke: e.colour, "stroke-width": 1.2}, ge);
      const lab = el("text", {x: x0 + w + 4, y: yy + LANE - 11, "font-size": 11, fill: "#1d2430"}, ge);
      lab.textContent = e.label.length > 48 ? e.label.slice(0, 46) + "…" : e.label;
      ge.addEventListener("mousemove", ev => show(e, ev.clientX, ev.clientY));
      ge.addEventListener("mouseleave", () => { tip.style.display = "none"; });
      drawn++;
    }
  });
  svg.dataset.eventsDrawn = String(drawn);
}
function show(e, mx, my){
  tip.textContent = "";
  const b = document.createElement("b"); b.textContent = e.label; tip.appendChild(b);
  const tb = document.createElement("table");
  for (const [k, v] of e.tip){
    const tr = document.createElement("tr"), a = document.createElement("td"), c = document.createElement("td");
    a.textContent = k; c.textContent = v; tr.appendChild(a); tr.appendChild(c); tb.appendChild(tr);
  }
  tip.appendChild(tb); tip.style.display = "block";
  const w = tip.offsetWidth, h = tip.offsetHeight;
  tip.style.left = Math.min(mx + 14, window.innerWidth - w - 6) + "px";
  tip.style.top = Math.min(my + 14 + window.scrollY, window.scrollY + window.innerHeight - h - 6) + "px";
}
svg.addEventListener("wheel", ev => {
  ev.preventDefault();
  const r = svg.getBoundingClientRect(), f = Math.exp(ev.deltaY * 0.0015);
  const at = v0 + (ev.clientX - r.left - LEFT) / (W - LEFT - RIGHT) * (v1 - v0);
  v0 = at - (at - v0) * f; v1 = at + (v1 - at) * f; render();
}, {passive: false});
let px = null;
svg.addEventListener("mousedown", ev => { px = ev.clientX; });
window.addEventListener("mouseup", () => { px = null; });
window.addEventListener("mousemove", ev => {
  if (px === null) return;
  const d = (ev.clientX - px) / (W - LEFT - RIGHT) * (v1 - v0); v0 -= d; v1 -= d; px = ev.clientX; render();
});
svg.addEventListener("dblclick", () => { v0 = lo; v1 = hi; render(); });
window.addEventListener("resize", render);
const lg = document.getElementById("legend");
for (const t of D.legend){
  const s = document.createElement("span"), sw = document.createElement("i");
  sw.style.background = t.colour; s.appendChild(sw); s.appendChild(document.createTextNode(t.name)); lg.appendChild(s);
}
const pale = document.createElement("span"), pi = document.createElement("i");
pi.style.background = "#7f7f7f"; pi.style.opacity = "0.35"; pale.appendChild(pi);
pale.appendChild(document.createTextNode("pale: known to the year or month only")); lg.appendChild(pale);
if (D.undated.length){
  document.getElementById("undated").textContent = D.undated.length + " undated event" + (D.undated.length > 1 ? "s" : "") + " not shown: " + D.undated.join("; ");
}
render();
window.__kg = {eventsDrawn: drawn, events: D.count, rows: D.rows.length, renderMs: performance.now() - t0};
document.body.dataset.ready = "1";
})();
"""

TIMELINE_CSS = """
*{box-sizing:border-box}body{margin:0;font:13px/1.35 system-ui,-apple-system,"Segoe UI",Roboto,
Helvetica,Arial,sans-serif;color:#1d2430;background:#fff}
header{padding:8px 12px;border-bottom:1px solid #e3e7ec}header h1{font-size:15px;margin:0 0 4px}
#legend span{display:inline-flex;align-items:center;gap:5px;margin-right:14px;color:#3b4553}
#legend i{display:inline-block;width:14px;height:10px;border-radius:2px}
#tip{position:absolute;pointer-events:none;z-index:3;background:#1d2430;color:#fff;padding:7px 9px;
border-radius:5px;max-width:400px;display:none;box-shadow:0 2px 8px rgba(0,0,0,.25)}
#tip b{display:block;margin-bottom:3px}#tip td{vertical-align:top;padding:1px 6px 1px 0}
#tip td:first-child{color:#aab4c0;white-space:nowrap}svg{display:block;margin:4px 10px;cursor:grab}
.ev{cursor:default}#undated,#help{margin:6px 12px;color:#5b6675;font-size:12px}
"""

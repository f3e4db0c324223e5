// The participant's page: join, answer, see the reveal. It talks only to the host that served it.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  let S = {}, ws = null, token = localStorage.getItem("ssc-live-token"), joined = false, wantJoin = false;
  let current = null, deadline = 0, tick = null, picked = [];
  const fmt = (s, v) => s.replace(/\{(\w+)\}/g, (m, k) => (k in v ? v[k] : m));
  const show = (id) => ["join-form", "lobby", "question", "reveal", "end"].forEach((x) => ($(x).hidden = x !== id));
  const lang = () => $("lang").value;

  async function loadStrings() {
    const r = await fetch("/strings/" + encodeURIComponent(lang()));
    const data = await r.json();
    S = data.strings;
    document.documentElement.lang = data.lang;
    document.querySelectorAll("[data-s]").forEach((el) => (el.textContent = S[el.dataset.s] || el.textContent));
    $("title").textContent = S.title;
  }
  function guessLang() {
    const saved = localStorage.getItem("ssc-live-lang");
    const nav = (navigator.language || "zh").slice(0, 2);
    $("lang").value = saved || (["zh", "en", "es", "fr"].includes(nav) ? nav : "zh");
  }
  function send(obj) { if (ws && ws.readyState === 1) ws.send(JSON.stringify(obj)); }
  function connect() {
    const url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws";
    ws = new WebSocket(url);
    ws.onopen = () => {
      $("error").textContent = "";
      if (joined || token || wantJoin) send({ type: "join", code: $("code").value, name: $("name").value, lang: lang(), token: token });
    };
    ws.onmessage = (ev) => handle(JSON.parse(ev.data));
    ws.onclose = () => { if (joined) { $("error").textContent = S.reconnecting || ""; setTimeout(connect, 1500); } };
  }
  function handle(m) {
    if (m.type === "welcome") {
      joined = true; token = m.token; localStorage.setItem("ssc-live-token", token);
      localStorage.setItem("ssc-live-code", m.code); $("who").textContent = m.name;
    } else if (m.type === "lobby") { show("lobby"); }
    else if (m.type === "question") { question(m); }
    else if (m.type === "ack") { $("q-status").textContent = S.received; lock(); }
    else if (m.type === "reveal") { reveal(m); }
    else if (m.type === "end") { end(m); }
    else if (m.type === "error") {
      $("error").textContent = m.reason;
      if (!joined && m.code === "code") { token = null; wantJoin = false; localStorage.removeItem("ssc-live-token"); show("join-form"); }
      if (m.code === "unreadable") unlock();
    }
  }
  function lock() { document.querySelectorAll("#question button, #reply").forEach((b) => (b.disabled = true)); }
  function unlock() { document.querySelectorAll("#question button, #reply").forEach((b) => (b.disabled = false)); }
  function timer() {
    clearInterval(tick);
    const paint = () => {
      const left = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
      $("q-timer").textContent = fmt(S.seconds || "{n} s", { n: left });
      if (left <= 0) { clearInterval(tick); if (!$("q-status").textContent) $("q-status").textContent = S.closed; }
    };
    paint(); tick = setInterval(paint, 250);
  }
  function question(m) {
    current = m; picked = []; show("question"); $("error").textContent = "";
    $("q-count").textContent = fmt(S.question, { n: m.index + 1, total: m.total });
    $("q-prompt").textContent = m.prompt;
    $("q-text").textContent = m.text || "";
    $("q-status").textContent = "";
    deadline = Date.now() + m.seconds_left * 1000; timer();
    const box = $("q-options"); box.textContent = "";
    const typed = !["choice", "truefalse", "multi"].includes(m.qtype);
    $("text-form").hidden = !typed && m.qtype !== "multi";
    $("reply").hidden = !typed; $("reply").value = "";
    const hints = { multi: S.multi_hint, order: S.order_hint, match: S.match_hint, cloze: m.blanks > 1 ? S.cloze_hint : "" };
    $("q-hint").textContent = hints[m.qtype] || (m.unit ? m.unit : "");
    const button = (label, text, onClick) => {
      const b = document.createElement("button"); b.type = "button"; b.className = "option";
      b.dataset.letter = label; b.textContent = label + ". " + text; b.onclick = onClick; box.appendChild(b); return b;
    };
    if (m.qtype === "choice") m.options.forEach((o, i) => button(LETTERS[i], o, () => answer(LETTERS[i])));
    if (m.qtype === "truefalse") { button("T", S.true, () => answer("t")); button("F", S.false, () => answer("f")); }
    if (m.qtype === "multi") m.options.forEach((o, i) => {
      const b = button(LETTERS[i], o, () => {
        const at = picked.indexOf(LETTERS[i]);
        if (at >= 0) picked.splice(at, 1); else picked.push(LETTERS[i]);
        b.setAttribute("aria-pressed", at < 0 ? "true" : "false");
      });
      b.setAttribute("aria-pressed", "false");
    });
    if (m.qtype === "order" || m.qtype === "match") {
      const list = document.createElement("ol"); list.type = m.qtype === "order" ? "A" : "1";
      (m.qtype === "match" ? m.lefts : m.options).forEach((o) => { const li = document.createElement("li"); li.textContent = o; list.appendChild(li); });
      box.appendChild(list);
      if (m.qtype === "match") m.options.forEach((o, i) => { const p = document.createElement("p"); p.textContent = LETTERS[i] + ". " + o; box.appendChild(p); });
    }
    unlock();
    if (m.answered) { $("q-status").textContent = S.received; lock(); }
  }
  function answer(reply) { if (current) { send({ type: "answer", index: current.index, reply: reply }); lock(); } }
  function reveal(m) {
    clearInterval(tick); show("reveal");
    const v = $("r-verdict"); v.className = "verdict v-" + (m.verdict || "incorrect");
    v.textContent = m.verdict ? S[m.verdict] : S.missed;
    $("r-answer").textContent = fmt(S.answer, { answer: m.answer === m.solution ? m.answer : m.answer + " — " + m.solution });
    const bars = $("r-bars"); bars.textContent = "";
    const most = Math.max(1, ...m.bars.map((b) => b.count));
    m.bars.forEach((b) => {
      const row = document.createElement("div"); row.className = "bar" + (b.correct ? " right" : "");
      const label = document.createElement("span"); label.textContent = (b.label === "T" ? S.true : b.label === "F" ? S.false : b.label) + " " + b.count;
      const fill = document.createElement("span"); fill.className = "fill"; fill.style.width = (12 * b.count / most) + "rem";
      row.append(label, fill); bars.appendChild(row);
    });
    $("r-explanation").textContent = m.explanation || "";
    $("r-source").textContent = fmt(S.source, { ids: m.source.join(", ") });
    $("r-score").textContent = fmt(S.score, { score: m.total_score });
  }
  function end(m) {
    show("end"); $("e-score").textContent = fmt(S.score, { score: m.score + " / " + m.total });
    $("e-rank").textContent = m.rank ? fmt(S.rank, { rank: m.rank, n: m.of }) : "";
  }
  $("join-form").addEventListener("submit", (ev) => {
    ev.preventDefault(); token = localStorage.getItem("ssc-live-code") === $("code").value ? token : null;
    wantJoin = true; // sent now, or as soon as the connection opens
    if (ws && ws.readyState === 1) send({ type: "join", code: $("code").value, name: $("name").value, lang: lang(), token: token });
  });
  $("text-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    if (current && current.qtype === "multi") answer(picked.slice().sort().join(" "));
    else if ($("reply").value.trim()) answer($("reply").value);
  });
  $("lang").addEventListener("change", async () => {
    localStorage.setItem("ssc-live-lang", lang()); await loadStrings(); if (joined) send({ type: "lang", lang: lang() });
  });
  const params = new URLSearchParams(location.search);
  if (params.get("code")) $("code").value = params.get("code");
  else if (localStorage.getItem("ssc-live-code")) $("code").value = localStorage.getItem("ssc-live-code");
  guessLang(); loadStrings().then(connect);
})();

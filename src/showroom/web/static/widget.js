/* Showroom chat widget. Embed: <script src="https://YOUR-SHOWROOM/widget.js" data-dealership="SUBDOMAIN" async></script>
   Everything lives in one shadow root (styles cannot leak in or out); the only global is window.Showroom.
   Styles use a constructable stylesheet, so a host page's CSP needs no 'unsafe-inline'; it needs the Showroom
   origin in script-src and connect-src. */
(function () {
  "use strict";
  if (window.Showroom && window.Showroom.version) return;
  var script = document.currentScript || document.querySelector('script[data-dealership][src*="widget.js"]');
  if (!script || !script.getAttribute("data-dealership")) return;
  var sub = script.getAttribute("data-dealership");
  var base = new URL(script.src, location.href).origin;
  var api = base + "/api/v1/widget/" + encodeURIComponent(sub);
  var key = "showroom:" + sub + ":token";
  var S = { token: null, last: null, seen: {}, human: false, config: null, contact: null, source: null, sending: false };

  try { S.token = window.localStorage.getItem(key); } catch (e) { S.token = null; }
  function keep(token) { S.token = token; try { if (token) localStorage.setItem(key, token); else localStorage.removeItem(key); } catch (e) { /* private mode */ } }

  var CSS = [
    ":host{all:initial;position:fixed;right:20px;bottom:20px;z-index:2147483000;font:15px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;color:#111827}",
    "*{box-sizing:border-box}",
    ".launcher{width:60px;height:60px;border-radius:50%;border:0;background:var(--brand,#111827);color:var(--brand-ink,#fff);cursor:pointer;box-shadow:0 6px 20px rgba(0,0,0,.25);display:flex;align-items:center;justify-content:center;margin-left:auto}",
    ".launcher svg{width:28px;height:28px;fill:currentColor}",
    "button:focus-visible,textarea:focus-visible,input:focus-visible,summary:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}",
    ".panel{position:absolute;right:0;bottom:76px;width:370px;max-width:calc(100vw - 24px);height:540px;max-height:calc(100vh - 110px);background:#fff;border-radius:14px;box-shadow:0 12px 40px rgba(0,0,0,.28);display:flex;flex-direction:column;overflow:hidden}",
    ".panel[hidden]{display:none}",
    "header{background:var(--brand,#111827);color:var(--brand-ink,#fff);padding:12px 14px;display:flex;align-items:center;justify-content:space-between;gap:8px}",
    "header strong{display:block;font-size:16px} header span{font-size:12px;opacity:.9}",
    ".close{background:transparent;border:0;color:inherit;font-size:24px;line-height:1;cursor:pointer;padding:4px 8px;border-radius:6px}",
    ".banner{background:#fef3c7;color:#78350f;padding:8px 14px;font-size:13px;border-bottom:1px solid #fcd34d}",
    ".banner[hidden],.typing[hidden],.note[hidden],.contact[hidden]{display:none}",
    ".log{list-style:none;margin:0;padding:12px;flex:1;overflow-y:auto;display:flex;flex-direction:column;gap:8px;background:#f9fafb}",
    ".m{max-width:85%;padding:8px 11px;border-radius:14px;white-space:pre-wrap;overflow-wrap:anywhere}",
    ".m small{display:block;font-size:11px;opacity:.75;margin-bottom:2px}",
    ".you{align-self:flex-end;background:var(--accent,#2563eb);color:var(--accent-ink,#fff);border-bottom-right-radius:4px}",
    ".bot,.team{align-self:flex-start;background:#fff;border:1px solid #e5e7eb;border-bottom-left-radius:4px}",
    ".team{border-color:var(--accent,#2563eb)}",
    ".pending{opacity:.6}",
    ".typing{padding:0 14px 8px;background:#f9fafb;display:flex;gap:4px;align-items:center}",
    ".typing i{width:7px;height:7px;border-radius:50%;background:#9ca3af;display:inline-block;animation:b 1s infinite}",
    ".typing i:nth-child(2){animation-delay:.15s}.typing i:nth-child(3){animation-delay:.3s}",
    "@keyframes b{0%,80%,100%{transform:translateY(0)}40%{transform:translateY(-4px)}}",
    "@media (prefers-reduced-motion:reduce){.typing i{animation:none}}",
    ".sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}",
    "details{border-top:1px solid #e5e7eb;padding:6px 12px;font-size:13px}",
    "summary{cursor:pointer;color:#1d4ed8}",
    ".contact{display:grid;gap:6px;margin-top:6px}",
    "label{font-size:12px;font-weight:600;color:#374151}",
    "input,textarea{width:100%;font:inherit;padding:7px 9px;border:1px solid #9ca3af;border-radius:8px;color:#111827;background:#fff}",
    ".composer{display:flex;gap:8px;padding:10px 12px;border-top:1px solid #e5e7eb;align-items:flex-end}",
    ".composer textarea{resize:none;max-height:120px}",
    ".send,.save,.verify{border:0;border-radius:8px;background:var(--accent,#2563eb);color:var(--accent-ink,#fff);font:inherit;font-weight:600;padding:8px 12px;cursor:pointer}",
    ".send:disabled{opacity:.6}",
    ".note{font-size:12px;color:#065f46}",
    ".err{font-size:12px;color:#b91c1c;padding:0 12px 6px}",
    "@media (max-width:480px){:host{right:12px;bottom:12px}.panel{position:fixed;inset:auto 8px 84px 8px;width:auto;height:calc(100vh - 100px);max-height:none}}"
  ].join("\n");

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) node.textContent = text;
    return node;
  }

  var host = document.createElement("showroom-chat");
  var root = host.attachShadow({ mode: "open" });
  if (root.adoptedStyleSheets !== undefined && window.CSSStyleSheet && CSSStyleSheet.prototype.replaceSync) {
    var sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    root.adoptedStyleSheets = [sheet];
  } else {
    root.appendChild(el("style", {}, CSS));
  }

  var launcher = el("button", { type: "button", class: "launcher", "aria-expanded": "false", "aria-controls": "panel", "aria-label": "Open chat" });
  var svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  var path = document.createElementNS("http://www.w3.org/2000/svg", "path");
  path.setAttribute("d", "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z");
  svg.appendChild(path);
  launcher.appendChild(svg);
  var panel = el("section", { id: "panel", class: "panel", role: "dialog", "aria-label": "Chat" });
  panel.hidden = true;
  var head = el("header");
  var titles = el("div");
  var who = el("strong", {}, "Chat"), where = el("span", {}, "");
  titles.appendChild(who); titles.appendChild(where);
  var close = el("button", { type: "button", class: "close", "aria-label": "Close chat" }, "×");
  head.appendChild(titles); head.appendChild(close);
  var banner = el("div", { class: "banner", role: "status" }, "A team member will reply here shortly.");
  banner.hidden = true;
  var log = el("ol", { class: "log", "aria-live": "polite", "aria-label": "Messages" });
  var typing = el("div", { class: "typing", "aria-live": "polite" });
  typing.appendChild(el("i")); typing.appendChild(el("i")); typing.appendChild(el("i"));
  var typingText = el("span", { class: "sr" }, "Typing…");
  typing.appendChild(typingText);
  typing.hidden = true;
  var error = el("div", { class: "err", role: "alert" });

  var details = el("details");
  details.appendChild(el("summary", {}, "Leave your name and contact details"));
  var contact = el("form", { class: "contact" });
  [["name", "Name", "text", "name"], ["email", "E-mail", "email", "email"], ["phone", "Phone", "tel", "tel"]].forEach(function (f) {
    contact.appendChild(el("label", { for: "c-" + f[0] }, f[1]));
    contact.appendChild(el("input", { id: "c-" + f[0], name: f[0], type: f[2], autocomplete: f[3] }));
  });
  contact.appendChild(el("button", { type: "submit", class: "save" }, "Save my details"));
  var saved = el("p", { class: "note", role: "status" });
  saved.hidden = true;
  contact.appendChild(saved);
  details.appendChild(contact);
  // The code sent to the e-mail or phone just given: it links this chat to the customer with those details.
  var verify = el("form", { class: "contact" });
  verify.appendChild(el("label", { for: "c-code" }, "Code we sent you"));
  verify.appendChild(el("input", { id: "c-code", name: "code", inputmode: "numeric", autocomplete: "one-time-code", maxlength: "6", pattern: "[0-9]{6}" }));
  verify.appendChild(el("button", { type: "submit", class: "verify" }, "Confirm"));
  var verified = el("p", { class: "note", role: "status" });
  verify.appendChild(verified);
  verify.hidden = true;
  details.appendChild(verify);

  var composer = el("form", { class: "composer" });
  composer.appendChild(el("label", { for: "msg", class: "sr" }, "Your message"));
  var input = el("textarea", { id: "msg", rows: "1", maxlength: "5000", placeholder: "Type your message…" });
  var send = el("button", { type: "submit", class: "send" }, "Send");
  composer.appendChild(input); composer.appendChild(send);

  [head, banner, log, typing, error, details, composer].forEach(function (n) { panel.appendChild(n); });
  root.appendChild(panel);
  root.appendChild(launcher);

  function bubble(m) {
    if (m.id && S.seen[m.id]) return S.seen[m.id];
    var li = el("li", { class: "m " + m.from });
    var label = m.from === "you" ? "You" : m.from === "team" ? (m.sender_name || "Team") : (S.config ? S.config.persona_name : "Assistant");
    li.appendChild(el("small", {}, label));
    li.appendChild(document.createTextNode(m.content));
    log.appendChild(li);
    if (m.id) S.seen[m.id] = li;
    if (m.at && (!S.last || m.at > S.last)) S.last = m.at;
    log.scrollTop = log.scrollHeight;
    return li;
  }

  function setHuman(on) { S.human = !!on; banner.hidden = !S.human; }

  function request(method, path, body) {
    var opts = { method: method, headers: {}, mode: "cors", credentials: "omit" };
    if (body) { opts.headers["Content-Type"] = "application/json"; opts.body = JSON.stringify(body); }
    return fetch(api + path, opts).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (data) {
        if (!r.ok) { var e = new Error(data.detail || "Something went wrong; please try again."); e.status = r.status; throw e; }
        return data;
      });
    });
  }

  function catchUp() {
    if (!S.token) return Promise.resolve();
    var q = "/messages?token=" + encodeURIComponent(S.token) + (S.last ? "&after=" + encodeURIComponent(S.last) : "");
    return request("GET", q).then(function (data) {
      data.messages.forEach(bubble);
      setHuman(data.human);
    }).catch(function (e) { if (e.status === 404) { keep(null); stopLive(); } });
  }

  function live() {
    if (S.source || !S.token || !window.EventSource) return;
    S.source = new EventSource(api + "/events?token=" + encodeURIComponent(S.token));
    ["messages", "conversations", "handovers", "resync"].forEach(function (kind) {
      S.source.addEventListener(kind, function () { catchUp(); });
    });
  }
  function stopLive() { if (S.source) { S.source.close(); S.source = null; } }

  function submit(text) {
    if (S.sending) return;
    S.sending = true; send.disabled = true; error.textContent = "";
    var mine = bubble({ from: "you", content: text });
    mine.classList.add("pending");
    typing.hidden = S.human;
    var body = { content: text };
    if (S.token) body.token = S.token;
    else if (S.contact) { Object.keys(S.contact).forEach(function (k) { if (S.contact[k]) body[k] = S.contact[k]; }); }
    request("POST", "/messages", body).then(function (data) {
      keep(data.token);
      mine.classList.remove("pending");
      S.seen[data.message.id] = mine;
      if (!S.last || data.message.at > S.last) S.last = data.message.at;
      data.replies.forEach(bubble);
      setHuman(data.human || data.handed_over);
      askCode(data.code_sent_to);
      live();
    }).catch(function (e) {
      mine.remove();
      if (e.status === 404) keep(null);
      error.textContent = e.message;
      input.value = text;
    }).then(function () { S.sending = false; send.disabled = false; typing.hidden = true; input.focus(); });
  }

  composer.addEventListener("submit", function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    input.value = "";
    submit(text);
  });
  input.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); composer.requestSubmit ? composer.requestSubmit() : composer.dispatchEvent(new Event("submit")); }
  });
  contact.addEventListener("submit", function (e) {
    e.preventDefault();
    var data = { name: contact.name.value.trim(), email: contact.email.value.trim(), phone: contact.phone.value.trim() };
    if (!data.name && !data.email && !data.phone) return;
    var done = function (text) { saved.textContent = text; saved.hidden = false; };
    if (!S.token) { S.contact = data; done("Thanks! We'll attach your details to your first message."); return; }
    var body = { token: S.token };
    Object.keys(data).forEach(function (k) { if (data[k]) body[k] = data[k]; });
    request("POST", "/contact", body).then(function (res) { done("Thanks! We have your details."); askCode(res.code_sent_to); })
      .catch(function (err) { done(err.message); });
  });
  function askCode(sentTo) {
    if (!sentTo || !sentTo.length) return;
    details.open = true;
    verify.hidden = false;
    verified.textContent = "We sent a 6-digit code to your " + sentTo.join(" and ") + ". Type it here to confirm it is yours.";
  }
  verify.addEventListener("submit", function (e) {
    e.preventDefault();
    var code = verify.code.value.trim();
    if (!code || !S.token) return;
    request("POST", "/contact/verify", { token: S.token, code: code }).then(function () {
      verified.textContent = "Thanks, confirmed."; verify.code.value = ""; verify.code.disabled = true;
    }).catch(function (err) { verified.textContent = err.message; });
  });

  function openPanel() {
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    launcher.setAttribute("aria-label", "Close chat");
    input.focus();
  }
  function closePanel() {
    panel.hidden = true;
    launcher.setAttribute("aria-expanded", "false");
    launcher.setAttribute("aria-label", "Open chat");
    launcher.focus();
  }
  launcher.addEventListener("click", function () { if (panel.hidden) openPanel(); else closePanel(); });
  close.addEventListener("click", closePanel);
  panel.addEventListener("keydown", function (e) { if (e.key === "Escape") closePanel(); });

  function start() {
    (document.body || document.documentElement).appendChild(host);
    request("GET", "/config").then(function (cfg) {
      S.config = cfg;
      var c = cfg.colors || {};  // validated by the server, each with the text colour that reads on it
      ["primary", "primary_ink", "accent", "accent_ink"].forEach(function (k) {
        if (/^#[0-9a-f]{6}$/i.test(c[k] || "")) host.style.setProperty("--" + k.replace("primary", "brand").replace("_", "-"), c[k]);
      });
      who.textContent = cfg.persona_name;
      where.textContent = cfg.dealership;
      panel.setAttribute("aria-label", "Chat with " + cfg.dealership);
      typingText.textContent = cfg.persona_name + " is typing…";
      var welcome = bubble({ from: "bot", content: cfg.welcome_message });
      welcome.classList.add("welcome");
      return catchUp();
    }).then(function () { if (S.token) live(); }).catch(function () { host.remove(); });
  }

  window.Showroom = Object.freeze({ version: "1", open: openPanel, close: closePanel });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

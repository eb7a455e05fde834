/* Showroom staff app: small progressive enhancements over server-rendered pages. No dependencies. */
(function () {
  "use strict";
  var $ = function (sel, root) { return (root || document).querySelector(sel); };
  var $$ = function (sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); };

  function csrf() {
    var m = document.cookie.match(/(?:^|;\s*)showroom_csrf=([^;]+)/);
    return m ? decodeURIComponent(m[1]) : "";
  }

  function toast(text, bad) {
    var el = $("#toast");
    if (!el) return;
    el.textContent = text;
    el.className = "toast show" + (bad ? " bad" : "");
    clearTimeout(toast.timer);
    toast.timer = setTimeout(function () { el.className = "toast"; }, 3500);
  }

  function api(method, url, body) {
    var opts = { method: method, credentials: "same-origin", headers: { "X-CSRF-Token": csrf() } };
    if (body instanceof FormData) opts.body = body;
    else if (body !== undefined) { opts.headers["Content-Type"] = "application/json"; opts.body = JSON.stringify(body); }
    return fetch(url, opts).then(function (r) {
      if (r.status === 401) { location.href = "/login"; throw new Error("signed out"); }
      if (r.status === 204) return null;
      return r.json().then(function (data) {
        if (!r.ok) throw new Error(data.detail || ("request failed (" + r.status + ")"));
        return data;
      });
    });
  }

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } }).then(function (r) {
      if (r.status === 401 || r.redirected) { location.href = "/login"; throw new Error("signed out"); }
      if (!r.ok) throw new Error("request failed (" + r.status + ")");
      return r.json();
    });
  }

  function busy(button, on) { if (button) button.disabled = on; }

  function debounce(fn, ms) {
    var t;
    return function () { var args = arguments; clearTimeout(t); t = setTimeout(function () { fn.apply(null, args); }, ms); };
  }

  /* Live updates: one EventSource on the staff stream (PostgreSQL LISTEN/NOTIFY behind it). */
  // One EventSource per page, shared by the page's live view and the desktop notifications.
  var hub = { source: null, fns: [] };
  function events(fn) {
    hub.fns.push(fn);
    if (hub.source || !window.EventSource) return hub.source;
    var source = hub.source = new EventSource("/api/v1/events");
    ["conversations", "messages", "handovers", "appointments", "resync"].forEach(function (kind) {
      source.addEventListener(kind, function (e) {
        var data = {};
        try { data = JSON.parse(e.data); } catch (err) { /* ignore */ }
        hub.fns.forEach(function (f) { f(kind, data); });
      });
    });
    window.addEventListener("pagehide", function () { source.close(); });
    return source;
  }

  function live(onEvent) {
    var status = $("#live-status");
    function show(on, text) {
      if (!status) return;
      status.classList.toggle("on", on);
      $(".text", status).textContent = text;
    }
    if (!window.EventSource) { show(false, "Live updates are not supported by this browser; reload to refresh."); return; }
    var source = events(onEvent);
    source.addEventListener("open", function () { show(true, "Live: updates appear as they happen."); });
    source.addEventListener("error", function () { show(false, "Reconnecting to live updates…"); });
    if (source.readyState === 1) show(true, "Live: updates appear as they happen.");
  }

  // Desktop notifications (the Notification API) and an optional sound for new leads and handovers, on every
  // staff page once switched on in this browser (Inbox › Notifications); what they say comes from /app/notify.
  var NOTIFY = "showroom:notify", SOUND = "showroom:sound";
  function stored(key) { try { return localStorage.getItem(key) === "on"; } catch (e) { return false; } }
  function store(key, on) { try { localStorage.setItem(key, on ? "on" : "off"); } catch (e) { /* private mode */ } }
  function beep() {
    var Ctx = window.AudioContext || window.webkitAudioContext;
    if (!Ctx) return;
    var ctx = new Ctx(), osc = ctx.createOscillator(), gain = ctx.createGain();
    osc.frequency.value = 880; gain.gain.value = 0.08;
    osc.connect(gain); gain.connect(ctx.destination);
    osc.start(); osc.stop(ctx.currentTime + 0.2);
    osc.onended = function () { ctx.close(); };
  }
  function notifyControls() {
    var box = $("#notify-controls");
    if (!box) return;
    var button = $("#notify-toggle"), sound = $("#notify-sound"), state = $("#notify-state");
    function show() {
      var supported = "Notification" in window, on = supported && stored(NOTIFY) && Notification.permission === "granted";
      state.textContent = !supported ? "This browser has no desktop notifications." :
        Notification.permission === "denied" ? "Blocked in this browser's site settings." : on ? "On for new leads and handovers." : "Off.";
      button.textContent = on ? "Turn off" : "Turn on";
      button.disabled = !supported || Notification.permission === "denied";
      sound.checked = stored(SOUND);
    }
    button.addEventListener("click", function () {
      if (stored(NOTIFY) && Notification.permission === "granted") { store(NOTIFY, false); show(); return; }
      Notification.requestPermission().then(function (permission) {
        store(NOTIFY, permission === "granted");
        show();
        if (permission === "granted") { toast("Desktop notifications are on."); notifications(); }
      });
    });
    sound.addEventListener("change", function () { store(SOUND, sound.checked); if (sound.checked) { beep(); notifications(); } });
    show();
  }
  function notifications() {
    var desktop = stored(NOTIFY) && "Notification" in window && Notification.permission === "granted";
    if (notifications.started || !(desktop || stored(SOUND)) || !window.EventSource) return;
    notifications.started = true;
    var seen = {};
    events(function (kind, data) {
      if (data.op !== "insert" || (kind !== "conversations" && kind !== "handovers") || seen[kind + data.id]) return;
      seen[kind + data.id] = true;
      getJSON("/app/notify/" + (kind === "handovers" ? "handover" : "conversation") + "/" + data.id).then(function (n) {
        if (!n.title) return;
        if (stored(SOUND)) beep();
        if (stored(NOTIFY) && Notification.permission === "granted") {
          var note = new Notification(n.title, { body: n.body, tag: kind + ":" + data.id });
          note.onclick = function () { window.focus(); location.href = n.url; note.close(); };
        }
      }).catch(function () { /* not ours to show */ });
    });
  }

  /* SLA countdowns: any element with data-due (ISO time). */
  function countdowns() {
    var els = $$("[data-due]");
    if (!els.length) return;
    function fmt(ms) {
      var s = Math.abs(Math.round(ms / 1000)), h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60);
      return (h ? h + "h " : "") + m + "m " + (h ? "" : (s % 60) + "s");
    }
    function tick() {
      $$("[data-due]").forEach(function (el) {
        var left = new Date(el.getAttribute("data-due")).getTime() - Date.now();
        el.textContent = left >= 0 ? "in " + fmt(left) : "overdue by " + fmt(left);
        el.classList.toggle("overdue", left < 0);
      });
    }
    tick();
    clearInterval(countdowns.timer);
    countdowns.timer = setInterval(tick, 1000);
  }

  /* --- pages ----------------------------------------------------------------------------------------- */

  function inbox() {
    var list = $("#inbox-rows"), more = $("#load-more");
    var tab = list.getAttribute("data-tab"), q = list.getAttribute("data-q") || "";
    var label = list.getAttribute("data-label") || "";
    function url(cursor) {
      return "/app/inbox/rows?tab=" + encodeURIComponent(tab) + (q ? "&q=" + encodeURIComponent(q) : "") +
        (label ? "&label=" + encodeURIComponent(label) : "") +
        (cursor ? "&cursor=" + encodeURIComponent(cursor) : "");
    }
    function counts(c) {
      Object.keys(c).forEach(function (k) { var el = $('[data-count="' + k + '"]'); if (el) el.textContent = c[k]; });
    }
    var refresh = debounce(function () {
      getJSON(url(null)).then(function (data) {
        list.innerHTML = data.html;
        counts(data.counts);
        more.setAttribute("data-cursor", data.next_cursor || "");
        more.hidden = !data.next_cursor;
        var empty = $("#inbox-empty");
        if (empty) empty.hidden = !!data.html.trim();
      }).catch(function () { /* next event retries */ });
    }, 250);
    live(function () { refresh(); });
    var bulk = $("#bulk-assign");
    if (bulk) bulk.addEventListener("submit", function (e) {
      e.preventDefault();
      var ids = $$(".pick:checked", list).map(function (box) { return box.value; });
      if (!ids.length) { toast("Select the conversations to assign first.", true); return; }
      var who = $("#bulk-to"), to = who.value ? parseInt(who.value, 10) : null, button = $("button", bulk);
      busy(button, true);
      ids.reduce(function (done, cid) {
        return done.then(function () { return api("PATCH", "/api/v1/conversations/" + cid, { assigned_user_id: to }); });
      }, Promise.resolve()).then(function () {
        toast(ids.length + (ids.length === 1 ? " conversation " : " conversations ") + (to ? "assigned to " + who.options[who.selectedIndex].text + "." : "unassigned."));
        refresh();
      }).catch(function (err) { toast(err.message, true); refresh(); }).then(function () { busy(button, false); });
    });
    more.addEventListener("click", function () {
      busy(more, true);
      getJSON(url(more.getAttribute("data-cursor"))).then(function (data) {
        list.insertAdjacentHTML("beforeend", data.html);
        more.setAttribute("data-cursor", data.next_cursor || "");
        more.hidden = !data.next_cursor;
      }).catch(function (e) { toast(e.message, true); }).then(function () { busy(more, false); });
    });
  }

  function conversation() {
    var root = $("#conversation"), id = root.getAttribute("data-conversation");
    var thread = $("#thread"), form = $("#reply");
    function scrollDown() { thread.scrollTop = thread.scrollHeight; }
    scrollDown();
    var refresh = debounce(function () {
      getJSON("/app/conversations/" + id + "/live").then(function (data) {
        var atBottom = thread.scrollHeight - thread.scrollTop - thread.clientHeight < 40;
        thread.innerHTML = data.thread;
        $("#suggestions").innerHTML = data.suggestions;
        $("#conv-state").innerHTML = data.state;
        $("#panel").innerHTML = data.panel;
        if (atBottom) scrollDown();
        countdowns();
      }).catch(function () { /* next event retries */ });
    }, 200);
    live(function (kind, data) { if (kind === "resync" || data.conversation_id === id) refresh(); });
    carPicker(id, form);
    root.addEventListener("click", function (e) {
      var t = e.target.closest("button");
      if (!t) return;
      var action = t.getAttribute("data-action");
      var patch = t.getAttribute("data-patch"), done = t.getAttribute("data-done");
      if (action === "snooze") {
        var at = $("#snooze-at").value;
        if (!at) { toast("Choose the date and time to snooze until.", true); $("#snooze-at").focus(); return; }
        patch = JSON.stringify({ snoozed_until: new Date(at).toISOString() });
        done = "Snoozed: back in the inbox at " + new Date(at).toLocaleString() + ".";
      } else if (action === "add-label" || t.hasAttribute("data-remove-label")) {
        var tags = JSON.parse($("#labels").getAttribute("data-labels") || "[]");
        if (action === "add-label") {
          var name = $("#label-new").value.trim();
          if (!name) { toast("Write the label to add.", true); $("#label-new").focus(); return; }
          if (tags.some(function (x) { return x.toLowerCase() === name.toLowerCase(); })) { toast("It already has the label " + name + ".", true); return; }
          tags.push(name);
          done = "Label " + name + " added.";
        } else {
          var gone = t.getAttribute("data-remove-label");
          tags = tags.filter(function (x) { return x !== gone; });
          done = "Label " + gone + " removed.";
        }
        patch = JSON.stringify({ tags: tags });
      } else if (action === "assign") {
        var who = $("#assign-to");
        patch = JSON.stringify({ assigned_user_id: who.value ? parseInt(who.value, 10) : null });
        done = who.value ? "Assigned to " + who.options[who.selectedIndex].text + "." : "Unassigned.";
      }
      if (patch) {
        busy(t, true);
        api("PATCH", "/api/v1/conversations/" + id, JSON.parse(patch))
          .then(function () { toast(done || "Saved."); refresh(); })
          .catch(function (err) { toast(err.message, true); busy(t, false); });
        return;
      }
      if (action === "take-over" || action === "hand-back") {
        busy(t, true);
        api("POST", "/api/v1/conversations/" + id + "/" + action, action === "hand-back" ? {} : undefined)
          .then(function () { toast(action === "take-over" ? "You have the conversation; the AI is paused." : "Handed back to the AI."); refresh(); })
          .catch(function (err) { toast(err.message, true); busy(t, false); });
      } else if (t.hasAttribute("data-suggestion-id") && form) {
        form.content.value = t.getAttribute("data-text");
        form.suggestion_id.value = t.getAttribute("data-suggestion-id");
        form.content.focus();
      } else if (t.hasAttribute("data-dismiss")) {
        api("POST", "/api/v1/suggestions/" + t.getAttribute("data-dismiss") + "/dismiss").then(refresh)
          .catch(function (err) { toast(err.message, true); });
      }
    });
    contactLog(id, refresh);
    if (!form) return;
    savedReplies(form);
    form.content.addEventListener("input", function () { if (!form.content.value.trim()) form.suggestion_id.value = ""; });
    form.content.addEventListener("keydown", function (e) {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); form.requestSubmit(); }
    });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var text = form.content.value.trim();
      if (!text) { toast("Write a message first.", true); form.content.focus(); return; }
      var body = { content: text };
      if (form.note.checked) body.type = "internal_note";
      if (form.suggestion_id.value) body.suggestion_id = form.suggestion_id.value;
      var button = $("button[type=submit]", form);
      busy(button, true);
      api("POST", "/api/v1/conversations/" + id + "/messages", body).then(function () {
        form.reset();
        form.suggestion_id.value = "";
        toast(body.type ? "Note added." : "Sent.");
        refresh();
      }).catch(function (err) { toast(err.message, true); }).then(function () { busy(button, false); form.content.focus(); });
    });
  }

  function handovers() {
    var body = $("#handover-rows");
    var refresh = debounce(function () {
      getJSON("/app/handovers/rows").then(function (data) { body.innerHTML = data.html; countdowns(); })
        .catch(function () { /* retry on next event */ });
    }, 250);
    live(function (kind) { if (kind !== "messages") refresh(); });
    body.addEventListener("click", function (e) {
      var t = e.target.closest("button[data-claim]");
      if (!t) return;
      busy(t, true);
      api("POST", "/api/v1/handovers/" + t.getAttribute("data-claim") + "/claim").then(function () {
        location.href = "/app/conversations/" + t.getAttribute("data-conversation");
      }).catch(function (err) { toast(err.message, true); busy(t, false); });
    });
  }

  function lead() {
    var root = $("#lead"), id = root.getAttribute("data-lead");
    $$("form[data-lead-patch]", root).forEach(function (form) {
      var lost = $("[name=lost_reason]", form), status = $("[name=status]", form);
      function toggleLost() { if (lost && status) lost.closest(".field").hidden = status.value !== "lost"; }
      if (status) { status.addEventListener("change", toggleLost); toggleLost(); }
      form.addEventListener("submit", function (e) {
        e.preventDefault();
        var body = { version: parseInt(root.getAttribute("data-version"), 10) };
        $$("[name]", form).forEach(function (el) {
          if (el.name === "assigned_user_id") body.assigned_user_id = el.value ? parseInt(el.value, 10) : null;
          else if (el.name === "lost_reason") { if (status && status.value === "lost" && el.value.trim()) body.lost_reason = el.value.trim(); }
          else if (el.value.trim()) body[el.name] = el.value.trim();
        });
        if (status && status.value === "lost" && !body.lost_reason && root.getAttribute("data-status") !== "lost") {
          toast("Say why the lead was lost before saving it as Lost.", true);
          if (lost) lost.focus();
          return;
        }
        var button = $("button[type=submit]", form);
        busy(button, true);
        api("PATCH", "/api/v1/leads/" + id, body).then(function () { location.reload(); })
          .catch(function (err) { toast(err.message, true); busy(button, false); });
      });
    });
  }

  function inventory() {
    var form = $("#import-form");
    if (!form) return;
    var bar = $("#import-progress"), status = $("#import-status"), out = $("#import-report"), button = $("button", form);
    var cancel = $("#import-cancel"), timer = null;

    function showReport(res) {
      out.hidden = false;
      ["rows", "added", "updated", "unchanged", "deactivated", "rejected", "warnings"].forEach(function (k) {
        var el = $('[data-report="' + k + '"]', out); if (el) el.textContent = res[k];
      });
      var list = $("#import-problems", out);
      list.innerHTML = "";
      (res.rejected_rows || []).concat(res.warning_rows || []).slice(0, 200).forEach(function (p) {
        var li = document.createElement("li");
        li.textContent = "Line " + p.line + (p.field ? " (" + p.field + ")" : "") + ": " + p.reason;
        list.appendChild(li);
      });
      $("#import-problems-head", out).hidden = !list.children.length;
      out.focus();
    }

    // The run is imported by a job: its progress (rows read of the file's lines) is polled until it ends.
    function follow(run) {
      cancel.hidden = false; cancel.disabled = false; cancel.setAttribute("data-run", run.id);
      if (run.status === "queued" || run.status === "running") {
        if (run.rows_total) bar.value = Math.round((run.rows_done / run.rows_total) * 100); else bar.removeAttribute("value");
        status.textContent = run.status === "queued" ? "Waiting for the importer…"
          : (run.cancel_requested ? "Cancelling… " : "Importing: ") + run.rows_done + " of " + run.rows_total + " rows";
        timer = setTimeout(function () {
          getJSON("/api/v1/inventory/imports/" + run.id).then(follow).catch(function (err) { status.textContent = err.message; busy(button, false); });
        }, 1000);
        return;
      }
      cancel.hidden = true; busy(button, false);
      if (run.status === "done") {
        bar.value = 100;
        status.textContent = "Import finished in " + run.report.seconds + " s.";
        showReport(run.report);
      } else {
        bar.hidden = true;
        status.textContent = (run.status === "cancelled" ? "Import cancelled" : "Import failed") + ": " + (run.error || run.status) + ". Nothing was imported.";
      }
    }

    cancel.addEventListener("click", function () {
      cancel.disabled = true;
      api("POST", "/api/v1/inventory/imports/" + cancel.getAttribute("data-run") + "/cancel")
        .then(function () { status.textContent = "Cancelling…"; })
        .catch(function (err) { toast(err.message, true); });
    });

    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var file = form.file.files[0];
      if (!file) { toast("Choose a CSV or TSV file first.", true); return; }
      var data = new FormData();
      data.append("file", file);
      clearTimeout(timer); out.hidden = true;
      bar.hidden = false; bar.value = 0; busy(button, true);
      status.textContent = "Uploading " + file.name + "…";
      var xhr = new XMLHttpRequest();
      xhr.open("POST", "/api/v1/inventory/imports?mode=" + encodeURIComponent(form.mode.value));
      xhr.setRequestHeader("X-CSRF-Token", csrf());
      xhr.upload.onprogress = function (ev) {
        if (ev.lengthComputable) status.textContent = "Uploading… " + Math.round((ev.loaded / ev.total) * 100) + "%";
      };
      xhr.onload = function () {
        var res = {};
        try { res = JSON.parse(xhr.responseText); } catch (err) { /* not JSON */ }
        if (xhr.status !== 202) { busy(button, false); bar.hidden = true; status.textContent = "Import refused: " + (res.detail || xhr.status); return; }
        follow(res);
      };
      xhr.onerror = function () { busy(button, false); status.textContent = "The upload failed; check the connection and retry."; };
      xhr.send(data);
    });
  }

  function personas() {
    var form = $("#persona-form");
    if (!form) return;
    var pid = form.getAttribute("data-persona");
    var kept = JSON.parse(form.getAttribute("data-arguments") || "{}");
    function draft() {
      // Every argument the persona has is kept (set through the API too); the form's fields change theirs.
      var args = Object.assign({}, kept);
      Array.prototype.forEach.call(form.querySelectorAll("[data-arg]"), function (field) {
        var key = field.getAttribute("data-arg"), value = field.value.trim();
        if (!value) { delete args[key]; return; }
        args[key] = field.hasAttribute("data-list")
          ? value.split(",").map(function (part) { return part.trim(); }).filter(Boolean)
          : value;
      });
      return { persona_id: pid ? parseInt(pid, 10) : null, prompt_template: form.prompt_template.value, arguments: args };
    }
    var preview = debounce(function () {
      var body = draft();
      body.message = $("#preview-message").value || undefined;
      api("POST", "/api/v1/personas/preview", body).then(function (res) {
        $("#preview-prompt").textContent = res.prompt;
        $("#preview-reply").textContent = res.sample_reply;
        $("#preview-error").hidden = true;
      }).catch(function (err) { var el = $("#preview-error"); el.textContent = err.message; el.hidden = false; });
    }, 300);
    form.addEventListener("input", preview);
    $("#preview-message").addEventListener("input", preview);
    preview();
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var body = draft();
      var payload = { name: form.name.value, prompt_template: body.prompt_template, arguments: body.arguments };
      if (form.is_default.checked) payload.is_default = true;
      var button = $("button[type=submit]", form);
      busy(button, true);
      api(pid ? "PATCH" : "POST", "/api/v1/personas" + (pid ? "/" + pid : ""), payload).then(function (res) {
        toast("Saved.");
        if (!pid) location.href = "/app/personas/" + res.id;
      }).catch(function (err) { toast(err.message, true); }).then(function () { busy(button, false); });
    });
    var chat = $("#test-chat"), log = $("#test-log"), history = [];
    chat.addEventListener("submit", function (e) {
      e.preventDefault();
      var text = chat.message.value.trim();
      if (!text) return;
      history.push(text);
      add("you", "You", text);
      chat.message.value = "";
      var body = draft();
      body.messages = history.slice();
      var button = $("button", chat);
      busy(button, true);
      api("POST", "/app/personas/test-chat", body).then(function (res) {
        res.replies.forEach(function (r) { add(r.from, r.from === "ai" ? "AI" : "System", r.content); });
        if (res.handed_over) add("system", "System", "This would hand the conversation to a person now.");
      }).catch(function (err) { add("system", "Error", err.message); }).then(function () { busy(button, false); chat.message.focus(); });
    });
    $("#test-reset").addEventListener("click", function () { history = []; log.innerHTML = ""; });
    function add(kind, who, text) {
      var li = document.createElement("li");
      li.className = "msg msg-" + (kind === "you" ? "customer" : kind);
      var head = document.createElement("p"); head.className = "msg-head";
      var w = document.createElement("span"); w.className = "msg-who"; w.textContent = who; head.appendChild(w);
      var b = document.createElement("div"); b.className = "msg-body"; b.textContent = text;
      li.appendChild(head); li.appendChild(b); log.appendChild(li); log.scrollTop = log.scrollHeight;
    }
  }

  function copyButtons() {
    $$("button[data-copy]").forEach(function (b) {
      b.addEventListener("click", function () {
        var target = document.getElementById(b.getAttribute("data-copy"));
        var text = target ? target.textContent : "";
        (navigator.clipboard ? navigator.clipboard.writeText(text) : Promise.reject()).then(function () { toast("Copied."); })
          .catch(function () { toast("Select the text and copy it.", true); });
      });
    });
  }

  function menu() {
    var toggle = $(".menu-toggle"), nav = $("#nav");
    if (!toggle || !nav) return;
    toggle.addEventListener("click", function () {
      var open = nav.classList.toggle("open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }

  function confirmForms(root) {
    $$("form[data-confirm]", root).forEach(function (f) {
      f.addEventListener("submit", function (e) { if (!window.confirm(f.getAttribute("data-confirm"))) e.preventDefault(); });
    });
  }

  /* A form that calls the JSON API: data-api (URL), data-method (default POST); fields become the JSON body. */
  function apiForms() {
    $$("form[data-api]").forEach(function (form) {
      form.addEventListener("submit", function (e) {
        e.preventDefault();
        if (form.hasAttribute("data-ask") && !window.confirm(form.getAttribute("data-ask"))) return;
        var body = {};
        $$("[name]", form).forEach(function (el) {
          var v = el.value.trim();
          if (el.hasAttribute("data-cents")) body[el.name] = v === "" ? null : Math.round(parseFloat(v) * 100);
          else if (v !== "") body[el.name] = v;
        });
        var button = $("button[type=submit]", form);
        busy(button, true);
        api(form.getAttribute("data-method") || "POST", form.getAttribute("data-api"), body).then(function () {
          var next = form.getAttribute("data-next");
          if (next) location.href = next; else location.reload();
        }).catch(function (err) { toast(err.message, true); busy(button, false); });
      });
    });
  }

  /* Send a car: search the stock, put the car's text and link in the reply box; the staff sends it. */
  // The pipeline board: cards dragged between stages, or moved one stage with Alt+Arrow keys.
  function board() {
    var root = $(".board[data-movable]");
    if (!root) return;
    var stages = $$("section[data-stage]", root), dragged = null;
    function stageOf(card) { return card.closest("section[data-stage]"); }
    function count(section, delta) {
      var el = $(".count", section);
      el.textContent = Math.max(0, parseInt(el.textContent, 10) + delta);
    }
    function askLost() {
      var dialog = $("#lost-dialog"), form = $("#lost-form"), input = $("#lost-why");
      return new Promise(function (resolve) {
        input.value = "";
        function done(value) { form.onsubmit = null; $("#lost-cancel").onclick = null; dialog.close(); resolve(value); }
        form.onsubmit = function (e) {
          e.preventDefault();
          if (!input.value.trim()) { input.focus(); return; }
          done(input.value.trim());
        };
        $("#lost-cancel").onclick = function () { done(null); };
        dialog.oncancel = function () { done(null); };
        dialog.showModal();
        input.focus();
      });
    }
    function move(card, target) {
      var from = stageOf(card), status = target.getAttribute("data-stage");
      if (target === from) return;
      var reason = status === "lost" ? askLost() : Promise.resolve("");
      reason.then(function (why) {
        if (why === null) { $("a", card).focus(); return; }
        var body = { status: status };
        if (why) body.lost_reason = why;
        api("PATCH", "/api/v1/leads/" + card.getAttribute("data-lead"), body).then(function () {
          var list = $("ol", target), empty = $("li.muted", list);
          if (empty) empty.remove();
          list.insertBefore(card, list.firstChild);
          count(from, -1); count(target, 1);
          $("a", card).focus();
          toast($("strong", card).textContent + " moved to " + $("h2", target).firstChild.textContent.trim() + ".");
        }).catch(function (err) { toast(err.message, true); $("a", card).focus(); });
      });
    }
    root.addEventListener("dragstart", function (e) {
      dragged = e.target.closest && e.target.closest(".lead-card");
      if (!dragged) return;
      e.dataTransfer.effectAllowed = "move";
      e.dataTransfer.setData("text/plain", dragged.getAttribute("data-lead"));
      dragged.classList.add("dragging");
    });
    root.addEventListener("dragend", function () {
      if (dragged) dragged.classList.remove("dragging");
      stages.forEach(function (s) { s.classList.remove("drop"); });
    });
    stages.forEach(function (section) {
      section.addEventListener("dragover", function (e) { if (dragged) { e.preventDefault(); section.classList.add("drop"); } });
      section.addEventListener("dragleave", function () { section.classList.remove("drop"); });
      section.addEventListener("drop", function (e) {
        e.preventDefault();
        section.classList.remove("drop");
        if (dragged) move(dragged, section);
        dragged = null;
      });
    });
    root.addEventListener("keydown", function (e) {
      var card = e.target.closest && e.target.closest(".lead-card");
      if (!card || !e.altKey || (e.key !== "ArrowRight" && e.key !== "ArrowLeft")) return;
      e.preventDefault();
      var i = stages.indexOf(stageOf(card)) + (e.key === "ArrowRight" ? 1 : -1);
      if (i >= 0 && i < stages.length) move(card, stages[i]);
    });
  }

  // A call or a visit logged from the conversation: the lead's timeline and the customer's interactions.
  function contactLog(id, refresh) {
    var form = $("#contact-form");
    if (!form) return;
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var summary = form.summary.value.trim();
      if (!summary) { toast("Say what was said or done first.", true); form.summary.focus(); return; }
      var kind = $("input[name=kind]:checked", form).value;
      var body = { kind: kind, summary: summary };
      if (form.outcome.value.trim()) body.outcome = form.outcome.value.trim();
      if (form.duration_minutes.value) body.duration_minutes = parseInt(form.duration_minutes.value, 10);
      var button = $("button[type=submit]", form);
      busy(button, true);
      api("POST", "/api/v1/conversations/" + id + "/contacts", body).then(function () {
        form.reset();
        toast(kind === "call" ? "Call logged." : "Visit logged.");
        refresh();
      }).catch(function (err) { toast(err.message, true); }).then(function () { busy(button, false); });
    });
  }

  // Saved replies: the options carry the text already filled in for this conversation; inserted at the cursor.
  function savedReplies(form) {
    var pick = $("#saved-reply");
    if (!pick) return;
    pick.addEventListener("change", function () {
      var opt = pick.options[pick.selectedIndex];
      if (!opt || !opt.value) return;
      var text = opt.getAttribute("data-text"), area = form.content;
      var start = area.selectionStart || 0, end = area.selectionEnd || 0, before = area.value.slice(0, start);
      var sep = before && !/\s$/.test(before) ? " " : "";
      area.value = before + sep + text + area.value.slice(end);
      area.selectionStart = area.selectionEnd = (before + sep + text).length;
      pick.selectedIndex = 0;
      area.focus();
      var missing = opt.getAttribute("data-missing");
      if (missing) toast("No value here for " + missing + ": edit the text before sending.", true);
    });
  }

  function carPicker(id, form) {
    var picker = $("#car-picker");
    if (!picker || !form) return;
    var input = $("#car-q"), list = $("#car-results");
    function show(cars) {
      list.innerHTML = "";
      if (!cars.length) { var none = document.createElement("li"); none.className = "muted"; none.textContent = "No car in stock matches."; list.appendChild(none); return; }
      cars.forEach(function (car) {
        var li = document.createElement("li"), b = document.createElement("button"), d = document.createElement("span");
        d.textContent = car.details + (car.url ? "" : " (no web page)");
        b.type = "button"; b.className = "small secondary"; b.textContent = "Add to reply";
        b.setAttribute("aria-label", "Add " + car.label + " to the reply");
        b.addEventListener("click", function () {
          var box = form.content;
          box.value = box.value.trim() ? box.value.replace(/\s+$/, "") + "\n\n" + car.text : car.text;
          box.focus();
          toast(car.label + " is in your reply: press Send.");
        });
        li.appendChild(d); li.appendChild(document.createTextNode(" ")); li.appendChild(b); list.appendChild(li);
      });
    }
    var search = debounce(function () {
      getJSON("/app/conversations/" + id + "/cars?q=" + encodeURIComponent(input.value.trim()))
        .then(function (data) { show(data.cars); }).catch(function (e) { toast(e.message, true); });
    }, 250);
    input.addEventListener("input", search);
    input.addEventListener("keydown", function (e) { if (e.key === "Enter") { e.preventDefault(); search(); } });  // not the reply's submit
    picker.addEventListener("toggle", function () { if (picker.open) search(); });
  }

  /* A walk-in or phone lead: the leads API, so the dedupe is the same as any intake's. */
  function newLead() {
    var form = $("#new-lead");
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var v = function (name) { return form.elements[name].value.trim(); };
      if (!v("first_name") && !v("last_name")) { toast("Give the customer's name.", true); form.elements.first_name.focus(); return; }
      var customer = {};
      ["first_name", "last_name", "email", "phone"].forEach(function (k) { if (v(k)) customer[k] = v(k); });
      var body = { customer: customer, attribution: { source: v("source") } };
      var vehicle = {};
      ["make", "model"].forEach(function (k) { if (v(k)) vehicle[k] = v(k); });
      if (v("year")) {
        var year = parseInt(v("year"), 10);
        if (!(year >= 1900 && year <= 2100)) { toast("The vehicle year is a number like 2022.", true); form.elements.year.focus(); return; }
        vehicle.year = year;
      }
      if (Object.keys(vehicle).length) body.vehicles = [vehicle];
      if (v("timeframe")) body.timeframe = v("timeframe");
      if (v("message")) body.message = v("message");
      if (v("assigned_user_id")) body.assigned_user_id = parseInt(v("assigned_user_id"), 10);
      var button = $("button[type=submit]", form);
      busy(button, true);
      api("POST", "/api/v1/leads", body).then(function (data) {
        location.href = "/app/leads/" + data.lead.id + (data.duplicate ? "?existing=1" : "");
      }).catch(function (err) { toast(err.message, true); busy(button, false); });
    });
  }

  /* The calendar follows appointments booked, moved, cancelled or marked by anyone (the agent, a colleague, the
     customer's link): on each such event the page's grid, counts and tasks are fetched again and swapped in, keeping
     the changes a user has open; while they type in one, the refresh waits until they leave it. */
  function calendar() {
    var pending = false;
    function typing() {
      var el = document.activeElement, grid = $("[data-calendar]");
      return !!(grid && el && grid.contains(el) && /^(INPUT|SELECT|TEXTAREA)$/.test(el.tagName));
    }
    var refresh = debounce(function () {
      if (typing()) { pending = true; return; }
      pending = false;
      fetch(location.href, { credentials: "same-origin", headers: { Accept: "text/html" } }).then(function (r) {
        if (r.status === 401 || r.redirected) { location.href = "/login"; throw new Error("signed out"); }
        if (!r.ok) throw new Error("request failed (" + r.status + ")");
        return r.text();
      }).then(function (html) {
        if (typing()) { pending = true; return; }
        var doc = new DOMParser().parseFromString(html, "text/html");
        var open = $$("[data-calendar] details[open]").map(function (d) {
          return d.closest("[data-appointment]").getAttribute("data-appointment");
        });
        ["[data-calendar]", "[data-counts]", "[data-tasks]"].forEach(function (sel) {
          var now = $(sel), next = $(sel, doc);
          if (now && next) now.replaceWith(document.importNode(next, true));
        });
        open.forEach(function (id) {
          var d = $('[data-appointment="' + id + '"] details');
          if (d) d.open = true;
        });
        confirmForms($("[data-calendar]"));
      }).catch(function () { /* the next event retries */ });
    }, 300);
    document.addEventListener("focusout", function () { if (pending) setTimeout(refresh, 0); });
    live(function (kind) { if (kind === "appointments" || kind === "resync") refresh(); });
  }

  var pages = { calendar: calendar, inbox: inbox, conversation: conversation, handovers: handovers, lead: lead, leads: board, inventory: inventory, personas: personas, "lead-new": newLead };
  document.addEventListener("DOMContentLoaded", function () {
    menu();
    copyButtons();
    confirmForms();
    apiForms();
    countdowns();
    var page = pages[document.body.getAttribute("data-page")];
    if (page) page();
    notifyControls();
    notifications();
  });
})();

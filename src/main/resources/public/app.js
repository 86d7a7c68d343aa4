// Shared by every page: the token, the menu, calls to the API and how its problems are shown.
"use strict";

const Saknad = (() => {
  const TOKEN = "saknad.token";
  // Why this tab was signed out, for a page loaded after it (a reload on the way out).
  const SIGNED_OUT = "saknad.signedOutBecause";
  const START = {
    HVB_STAFF: "staff.html",
    COORDINATOR: "coordinator.html",
    RESEARCHER: "research.html",
    ADMIN: "admin.html",
    POLICE: "cases.html",
    SOCIAL_SERVICES: "cases.html",
  };
  const MENU = {
    HVB_STAFF: [["staff.html", "Barnen"], ["cases.html", "Ärenden"]],
    COORDINATOR: [["coordinator.html", "Översikt"], ["cases.html", "Ärenden"], ["referrals.html", "Remisser"], ["research.html", "Statistik"]],
    RESEARCHER: [["research.html", "Forskning"]],
    ADMIN: [["admin.html", "Administration"]],
    POLICE: [["cases.html", "Ärenden"], ["referrals.html", "Remisser"]],
    SOCIAL_SERVICES: [["cases.html", "Ärenden"], ["referrals.html", "Remisser"]],
  };
  const ROLE_NAMES = {
    HVB_STAFF: "HVB-personal", COORDINATOR: "Samordnare", RESEARCHER: "Forskare", ADMIN: "Administratör",
    POLICE: "Polis", SOCIAL_SERVICES: "Socialtjänst",
  };

  function claims() {
    const token = sessionStorage.getItem(TOKEN);
    if (!token) return null;
    try {
      const part = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
      const json = decodeURIComponent(Array.from(atob(part), (c) => "%" + c.charCodeAt(0).toString(16).padStart(2, "0")).join(""));
      const c = JSON.parse(json);
      if (c.exp && c.exp * 1000 < Date.now()) return null;
      return c;
    } catch (e) {
      return null;
    }
  }

  function role() {
    const c = claims();
    return c && Array.isArray(c.roles) ? c.roles[0] : null;
  }

  function signIn(token) {
    sessionStorage.removeItem(SIGNED_OUT);
    sessionStorage.setItem(TOKEN, token);
  }

  /** This page with its query, for coming back after sign-in. */
  function here() {
    return location.pathname.split("/").pop() + location.search;
  }

  /** Ends the session; with {@code comeBack}, sign-in leads back to this page (drafts are kept). */
  let leaving = false;
  function signOut(message, comeBack) {
    sessionStorage.removeItem(TOKEN);
    if (message) sessionStorage.setItem(SIGNED_OUT, message);
    else sessionStorage.removeItem(SIGNED_OUT);
    // The first way out wins: a later answer or check on the way out must not replace the address
    // (and its message) that the page is already leaving for.
    if (leaving) return;
    leaving = true;
    const params = new URLSearchParams();
    if (message) params.set("message", message);
    if (comeBack) params.set("next", here());
    const query = params.toString();
    location.href = "index.html" + (query ? "?" + query : "");
  }

  // Every form here is sent by script. One sent before its page has bound the handler (a quick
  // tap while the page still loads) must not go out as a plain GET: that would put what was typed
  // into the address bar and history, and drop the page's own parameters.
  document.addEventListener("submit", (event) => event.preventDefault(), true);

  /** A failed call: the problem+json answer, or a made-up one when the service could not be reached. */
  class Problem extends Error {
    constructor(status, body) {
      super(body.title || "Fel " + status);
      this.status = status;
      this.body = body;
    }
  }

  async function api(method, path, body) {
    return (await call(method, path, body)).data;
  }

  /** A list answer a page at a time: its items and the address of the next page, if any. */
  async function getPage(path) {
    const { data, response } = await call("GET", path);
    const link = (response && response.headers.get("Link")) || "";
    const next = /<([^>]+)>;\s*rel="next"/.exec(link);
    return { items: data, next: next ? next[1] : null };
  }

  /** Every page of a list, one after the other (the service answers a page at a time). */
  async function getAll(path) {
    const items = [];
    for (let next = path; next; ) {
      const answer = await getPage(next);
      items.push(...answer.items);
      next = answer.next;
    }
    return items;
  }

  // While the database changes server (a failover takes 15-20 s) the service answers 503 with
  // Retry-After: the page waits, says so, and sends the same request again, a create with the same
  // Idempotency-Key, so that a request that did arrive is not made twice.
  const RETRY_FOR_MS = 60000;
  async function call(method, path, body) {
    const key = method === "POST" && crypto.randomUUID ? crypto.randomUUID() : null;
    const started = Date.now();
    for (;;) {
      try {
        const answer = await callOnce(method, path, body, key);
        retrying(null);
        return answer;
      } catch (e) {
        const wait = e instanceof Problem && e.status === 503 ? e.retryAfter : null;
        if (wait == null || Date.now() - started + wait * 1000 > RETRY_FOR_MS) {
          retrying(null);
          throw e;
        }
        retrying(wait);
        await new Promise((done) => setTimeout(done, wait * 1000));
      }
    }
  }

  /** A notice while the page waits to try again; gone when it is through. */
  function retrying(seconds) {
    let notice = document.getElementById("retrying");
    if (seconds == null) {
      if (notice) notice.remove();
      return;
    }
    if (!notice) {
      notice = el("p", { id: "retrying", class: "notice", role: "status" });
      (document.querySelector("main") || document.body).prepend(notice);
    }
    notice.textContent = "Tjänsten byter databasserver. Det du skrev finns kvar; sidan försöker igen om " + seconds + " s.";
  }

  async function callOnce(method, path, body, key) {
    // Some answers are GeoJSON or CSV: ask for JSON first but take what the endpoint produces.
    const headers = { Accept: "application/json, application/geo+json;q=0.9, */*;q=0.1" };
    if (key) headers["Idempotency-Key"] = key;
    const token = sessionStorage.getItem(TOKEN);
    if (token) headers.Authorization = "Bearer " + token;
    const form = typeof FormData !== "undefined" && body instanceof FormData;
    if (body !== undefined && !form) headers["Content-Type"] = "application/json";
    let response;
    try {
      response = await fetch(path, { method, headers, body: body === undefined || form ? body : JSON.stringify(body) });
    } catch (e) {
      throw new Problem(0, { sv: "Tjänsten svarar inte", svDetail: "Kontrollera nätverket och försök igen." });
    }
    if (response.status === 401 && path !== "/login") {
      // A fixed key, never text: the sign-in page shows only texts of its own.
      signOut("expired", true);
      // The page is leaving for sign-in: an answer that never comes lets no caller report an
      // error (or throw one nobody catches) on the way out.
      return new Promise(() => {});
    }
    const type = response.headers.get("Content-Type") || "";
    const data = type.includes("json") ? await response.json() : await response.text();
    if (!response.ok) {
      const problem = new Problem(response.status, typeof data === "object" ? data : { title: "Fel " + response.status });
      const after = Number(response.headers.get("Retry-After"));
      problem.retryAfter = after > 0 && after <= 30 ? after : null;
      throw problem;
    }
    return { data, response };
  }

  const get = (path) => api("GET", path);
  const post = (path, body) => api("POST", path, body);
  const put = (path, body) => api("PUT", path, body);
  const patch = (path, body) => api("PATCH", path, body);

  /** Builds an element: el("a", {href: "x"}, "text", child). Text is never parsed as HTML. */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else if (k === "class") node.className = v;
      else node.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }

  /** Thrown to stop a page's script on purpose (not signed in, wrong role); never an error. */
  class StopPage extends Error {}
  for (const type of ["error", "unhandledrejection"]) {
    window.addEventListener(type, (event) => {
      if ((event.error || event.reason) instanceof StopPage) event.preventDefault();
    });
  }

  /** Puts the menu in the header and stops the page when the role may not use it. */
  function page(allowed) {
    const r = role();
    if (!r) {
      const because = sessionStorage.getItem(SIGNED_OUT);
      if (!leaving) {
        location.href = "index.html?" + (because ? "message=" + encodeURIComponent(because) + "&" : "") +
          "next=" + encodeURIComponent(here());
      }
      throw new StopPage("not signed in");
    }
    const header = document.querySelector("header.top");
    const current = location.pathname.split("/").pop();
    const nav = el("nav", { "aria-label": "Meny" },
      (MENU[r] || []).map(([href, text]) => el("a", { href, "aria-current": href === current ? "page" : null }, text)));
    header.append(
      el("a", { class: "brand", href: START[r] || "index.html" }, "Saknad"), nav,
      el("span", { class: "who" }, claims().sub + " · " + (ROLE_NAMES[r] || r)),
      el("a", { class: "account", href: "password.html", "aria-current": current === "password.html" ? "page" : null }, "Byt lösenord"),
      el("button", { type: "button", class: "link", onclick: () => signOut() }, "Logga ut"));
    if (r === "ADMIN" || r === "COORDINATOR") {
      // The SMS sandbox exists only in the embedded default: the link appears when it answers.
      fetch("/api/v1/sms/sandbox", { method: "GET", headers: { Authorization: "Bearer " + sessionStorage.getItem(TOKEN) } })
        .then((answer) => {
          if (answer.ok) nav.append(el("a", { href: "sandbox.html", "aria-current": current === "sandbox.html" ? "page" : null }, "Sms-sandlåda"));
        })
        .catch(() => {});
    }
    reachableTables();
    if (allowed && !allowed.includes(r)) {
      const main = document.querySelector("main");
      main.replaceChildren(
        el("h1", {}, "Inte tillgänglig"),
        el("p", { class: "form-error", role: "alert" }, "Den här sidan är inte avsedd för din roll."),
        el("a", { href: START[r] }, "Till din startsida"));
      throw new StopPage("role not allowed");
    }
    return r;
  }

  /**
   * A table wider than its box scrolls sideways, and keyboard users must be able to scroll it: while
   * it does, its box is a named region in the Tab order. Tables fill after the page loads, so their
   * size is watched.
   */
  function reachableTables() {
    if (typeof ResizeObserver === "undefined") return;
    const mark = (wrap) => {
      const scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
      if (scrolls && !wrap.hasAttribute("tabindex")) {
        const table = wrap.querySelector("table");
        let heading = table && table.getAttribute("aria-labelledby") && document.getElementById(table.getAttribute("aria-labelledby"));
        for (let n = wrap.previousElementSibling; !heading && n; n = n.previousElementSibling) {
          if (/^H[1-3]$/.test(n.tagName)) heading = n;
        }
        if (!heading && wrap.closest("section")) heading = wrap.closest("section").querySelector("h2, h3");
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", ((heading && heading.textContent.trim()) || "Tabell") + " (rulla i sidled)");
      } else if (!scrolls && wrap.hasAttribute("tabindex")) {
        ["tabindex", "role", "aria-label"].forEach((a) => wrap.removeAttribute(a));
      }
    };
    const watch = new ResizeObserver((entries) => entries.forEach((e) => mark(e.target.closest(".table-wrap"))));
    document.querySelectorAll(".table-wrap").forEach((wrap) => {
      watch.observe(wrap);
      wrap.querySelectorAll("table").forEach((t) => watch.observe(t));
    });
  }

  /** Shows a problem on a form: each field's message beside it, the rest on top, all at once. */
  function showProblem(form, problem) {
    clearProblem(form);
    const body = problem instanceof Problem ? problem.body : { title: String(problem) };
    const status = problem instanceof Problem ? problem.status : 0;
    let box = form.querySelector(".form-error");
    if (!box) {
      box = el("div", { class: "form-error" });
      form.prepend(box);
    }
    const errors = Array.isArray(body.errors) ? body.errors : [];
    const unplaced = [];
    const placed = new Set();
    for (const e of errors) {
      const input = findField(form, e.field);
      if (!input) {
        unplaced.push(e);
        continue;
      }
      const id = (input.id || input.name || e.field) + "-error";
      if (placed.has(id)) continue;
      placed.add(id);
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", id);
      const message = el("div", { class: "field-error", id }, translate(e.message, e.field));
      (input.closest(".field") || input.closest("fieldset") || input.parentElement).append(message);
    }
    box.hidden = false;
    box.setAttribute("role", "alert");
    box.setAttribute("tabindex", "-1");
    box.replaceChildren(...[
      // the count names what is marked: two messages for one field are one field to correct
      el("strong", {}, title(body, status, placed.size || errors.length)),
      detail(body, status) ? el("div", {}, detail(body, status)) : null,
      ...unplaced.map((e) => el("div", {}, translate(e.message, e.field))),
    ].filter(Boolean));
    const first = form.querySelector('[aria-invalid="true"]');
    (first || box).focus();
  }

  /** A problem as one Swedish sentence, for places without a form. */
  function problemText(problem) {
    const body = problem instanceof Problem ? problem.body : {};
    const status = problem instanceof Problem ? problem.status : 0;
    return title(body, status, 0) + (detail(body, status) ? " " + detail(body, status) : "");
  }

  function findField(form, field) {
    if (!field) return null;
    // "contacts.phone[0]" and "contacts[0].phone" are the same field: the most specific name first,
    // so that a contact's phone error is not placed at the first field of "contacts".
    const plain = field.replace(/\[\d+\]/g, "");
    const candidates = [field, plain, plain.split(".").pop(), field.split(".").pop(), plain.split(".")[0]];
    for (const name of candidates) {
      const input = form.querySelector(`[data-field="${CSS.escape(name)}"], [name="${CSS.escape(name)}"]`);
      if (input) return input;
    }
    return null;
  }

  function clearProblem(form) {
    form.querySelectorAll(".field-error").forEach((n) => n.remove());
    form.querySelectorAll('[aria-invalid="true"]').forEach((n) => {
      n.removeAttribute("aria-invalid");
      n.removeAttribute("aria-describedby");
    });
    const box = form.querySelector(".form-error");
    if (box) box.hidden = true;
  }

  // The service answers in English for API clients; people read Swedish only. Titles by the
  // problem's type, then by status; field messages by their wording.
  const TITLES = {
    "bad-credentials": "Fel användarnamn eller lösenord",
    "sign-in-throttled": "För många inloggningsförsök",
    "case-already-open": "Barnet är redan anmält försvunnet",
    "case-not-open": "Ärendet är inte längre öppet",
    "case-not-returned": "Barnet är inte registrerat som återkommet",
    "debrief-exists": "Samtalet är redan registrerat",
    "concern-assessed": "Skyddsbedömningen är redan gjord",
    "concern-not-open": "Oron är redan anmäld som försvinnande eller avslutad",
    "concern-closed": "Orosanmälan är avslutad",
    "dossier-number-exists": "Dossiernumret finns redan",
    "both-children-missing": "Båda barnen är anmälda försvunna",
    "not-an-image": "Filen är inget foto",
    "photo-too-large": "Fotot är för stort",
    "too-large": "För mycket data",
    "unstorable-text": "Texten innehåller otillåtna tecken",
    "unsupported-media-type": "Fel filtyp",
    forbidden: "Inte tillåtet",
    "not-found": "Finns inte",
  };
  const STATUS_TITLES = {
    0: "Tjänsten svarar inte",
    400: "Uppgifterna behöver rättas",
    401: "Inloggningen har gått ut",
    403: "Inte tillåtet för din roll",
    404: "Finns inte eller ligger utanför ditt område",
    409: "Krockar med det som redan finns",
    413: "För mycket data",
    415: "Fel filtyp",
    422: "Uppgifterna behöver rättas",
    429: "För många försök",
  };

  function title(body, status, fieldErrors) {
    if (body.sv) return body.sv;
    const slug = String(body.type || "").split(":").pop();
    if (TITLES[slug]) return TITLES[slug];
    if (fieldErrors > 0 || slug === "validation-failed" || slug === "invalid-field" || slug === "malformed-request") {
      return fieldErrors > 1 ? "Rätta de " + fieldErrors + " markerade fälten" : "Rätta det markerade fältet";
    }
    if (body.sv) return body.sv;
    return STATUS_TITLES[status] || (status >= 500 ? "Något gick fel hos oss" : "Något gick fel");
  }

  function detail(body, status) {
    if (body.svDetail) return body.svDetail;
    if (status === 0) return "Kontrollera nätverket och försök igen.";
    if (status === 429) return "Vänta en stund och försök igen.";
    if (status >= 500) return "Felet är loggat. Försök igen om en stund.";
    return null;
  }

  const MESSAGES = [
    [/NONE_OBSERVED cannot go/i, "\"Inga tecken\" kan inte väljas tillsammans med ett tecken."],
    [/at least one reason/i, "Ange minst ett skäl, eller \"Ville inte berätta\"."],
    [/must not be (null|blank|empty)|is required|required|missing/i, "Fältet måste fyllas i."],
    [/not in Sweden/i, "Platsen ligger inte i Sverige."],
    [/lies in the future/i, "Tiden ligger i framtiden."],
    [/before the child returned/i, "Tiden ligger före återkomsten."],
    [/before the child was last seen/i, "Tiden ligger före när barnet senast sågs."],
    [/before (the child was born|the child's birth|birth)/i, "Tiden ligger före barnets födelse."],
    [/say why/i, "Skriv varför samtalet inte hölls."],
    [/E\.164|phone/i, "Skriv ett giltigt telefonnummer, t.ex. 070-123 45 67."],
    [/size must be|at most|too long|characters/i, "Texten är för lång."],
    [/municipality/i, "Okänd kommun."],
    [/country|nationality|ISO 3166/i, "Okänt land."],
    [/language|ISO 639/i, "Okänd språkkod."],
    [/date|time|malformed|wrong type/i, "Ogiltigt datum eller värde."],
    [/password/i, "Lösenordet uppfyller inte kraven (12–72 tecken, inte ett vanligt lösenord)."],
    [/username/i, "Användarnamnet är upptaget eller ogiltigt."],
    [/not a JPEG or PNG|image|photo/i, "Välj ett foto i JPEG- eller PNG-format."],
    [/larger than/i, "Fotot får vara högst 8 MB."],
    [/unknown (recipient|home)/i, "Finns inte."],
    [/must be (greater|less)|between|minimum|maximum/i, "Värdet ligger utanför det tillåtna."],
  ];

  /** A field message in Swedish: a known wording, or a plain Swedish fallback (never English). */
  const SWEDISH = new Set(MESSAGES.map(([, sv]) => sv).concat(["Tiden ligger i framtiden.", "Välj ett av alternativen."]));
  function translate(message) {
    if (SWEDISH.has(message)) return message;
    const m = MESSAGES.find(([re]) => re.test(message || ""));
    return m ? m[1] : "Ogiltigt värde.";
  }

  /**
   * Checks a form in the browser before it is sent: every required field, and times that must not
   * lie in the future. Returns the errors in the service's form, so that they are shown together
   * with anything the service finds.
   */
  function check(form) {
    const errors = [];
    const groups = new Set();
    for (const input of form.querySelectorAll("[required]")) {
      if (input.disabled || input.closest("[hidden]")) continue;
      if (input.type === "radio") {
        // a group of choices is one field, answered when one of them is chosen
        if (groups.has(input.name)) continue;
        groups.add(input.name);
        if (!form.querySelector(`input[name="${CSS.escape(input.name)}"]:checked`)) {
          errors.push({ field: input.name, message: "Välj ett av alternativen." });
        }
        continue;
      }
      const empty = input.type === "checkbox" ? !input.checked : !String(input.value || "").trim();
      if (empty) errors.push({ field: input.name || input.id, message: "Fältet måste fyllas i." });
    }
    for (const input of form.querySelectorAll('input[type="datetime-local"][data-not-future]')) {
      if (input.value && new Date(input.value).getTime() > Date.now() + 5 * 60000) {
        errors.push({ field: input.name, message: "Tiden ligger i framtiden." });
      }
    }
    return errors;
  }

  // Drafts: what is typed into a form is kept in the tab (sessionStorage) until it is sent, so an
  // expired sign-in in the middle of a debrief or a report loses nothing.
  const DRAFT = "saknad.draft.";
  function draftKey(form) {
    return DRAFT + here() + "#" + form.id;
  }

  function keepDraft(form) {
    const values = {};
    for (const input of form.elements) {
      if (!input.name || input.type === "password" || input.type === "file" || input.type === "submit") continue;
      if (input.type === "checkbox" || input.type === "radio") {
        (values[input.name] = values[input.name] || []);
        if (input.checked) values[input.name].push(input.value);
      } else {
        values[input.name] = input.value;
      }
    }
    sessionStorage.setItem(draftKey(form), JSON.stringify(values));
  }

  /** Puts a kept draft back into the form; true when there was one. */
  function restoreDraft(form) {
    const kept = sessionStorage.getItem(draftKey(form));
    if (!kept) return false;
    try {
      const values = JSON.parse(kept);
      for (const input of form.elements) {
        if (!(input.name in values)) continue;
        const v = values[input.name];
        if (input.type === "checkbox" || input.type === "radio") input.checked = Array.isArray(v) && v.includes(input.value);
        else input.value = v;
      }
      return true;
    } catch (e) {
      return false;
    }
  }

  function forgetDraft(form) {
    sessionStorage.removeItem(draftKey(form));
  }

  /** Runs a form's submit with its button disabled and problems shown; keeps its draft. */
  function onSubmit(form, action) {
    // The page has put its own values in; a draft from before a sign-in is newer than those.
    if (restoreDraft(form)) {
      form.prepend(el("p", { class: "notice", role: "status" }, "Det du skrev innan du loggades ut är återställt."));
    }
    form.addEventListener("input", () => keepDraft(form));
    form.addEventListener("change", () => keepDraft(form));
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const button = form.querySelector('button[type="submit"]');
      if (button) button.disabled = true;
      clearProblem(form);
      const local = check(form);
      try {
        if (local.length) throw new Problem(400, { type: "urn:saknad:problem:validation-failed", errors: local });
        await action(new FormData(form));
        forgetDraft(form);
      } catch (e) {
        if (e.signedOut) return;
        // All at once: the browser's findings beside the service's.
        if (e instanceof Problem && local.length && e.body.errors !== local) {
          e.body.errors = [...local, ...(e.body.errors || [])];
        }
        showProblem(form, e);
      } finally {
        if (button) button.disabled = false;
      }
    });
    // The handler is bound: tests and people may send from now on.
    form.dataset.ready = "true";
  }

  /** A map with Sweden's municipality borders from the service, and tiles only when configured. */
  async function map(elementId, options) {
    const m = L.map(elementId, Object.assign({ zoomSnap: 0.5 }, options || {})).setView([62.5, 16], 4.5);
    try {
      const settings = await get("/api/v1/geo/map-settings");
      if (settings.tileUrl) {
        L.tileLayer(settings.tileUrl, { attribution: settings.tileAttribution || "", maxZoom: 18 }).addTo(m);
      } else {
        // Without a tile server there are no streets: say so on the map, and how to get them.
        m.attributionControl.addAttribution(
          "Bara kommungränser. Gator visas när en kartserver är inställd (saknad.map.tile-url, se README).");
      }
      const borders = await get("/api/v1/geo/municipalities.geojson");
      L.geoJSON(borders, {
        style: { color: "#6b7b8c", weight: 1, fillColor: "#ffffff", fillOpacity: settings.tileUrl ? 0 : 0.6 },
        onEachFeature: (f, layer) => layer.bindTooltip(f.properties.name, { sticky: true }),
        interactive: !(options && options.bordersQuiet),
      }).addTo(m);
    } catch (e) {
      console.warn("map background unavailable", e);
    }
    return m;
  }

  /** Homes still open (no closing date, or one still ahead): closed homes are offered nowhere. */
  function openHomes(homes, keepId) {
    const today = new Date().toISOString().slice(0, 10);
    return homes.filter((h) => h.id === keepId || !h.closedOn || h.closedOn > today);
  }

  const fold = (text) => String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  let pickers = 0;
  /**
   * A searchable picker for many choices (290 municipalities): type to filter, arrows and Enter
   * (or a click) to choose, each choice a chip with its own remove button; Backspace in the empty
   * box removes the last. The chosen codes are hidden inputs named {@code name}, so FormData
   * reads them like a multiple select.
   */
  function picker(field, { name, label, choices }) {
    const n = ++pickers;
    const listId = "picker" + n + "-list";
    const chips = el("ul", { class: "chips", "aria-label": "Valda: " + label.toLowerCase() });
    const input = el("input", {
      id: field.querySelector("label").htmlFor, type: "text", role: "combobox", autocomplete: "off",
      "aria-autocomplete": "list", "aria-expanded": "false", "aria-controls": listId, "data-field": name,
      placeholder: "Skriv för att söka",
    });
    const list = el("ul", { id: listId, role: "listbox", class: "picker-list", "aria-label": label, hidden: true });
    const values = el("div", { hidden: true });
    field.append(chips, input, list, values);
    const chosen = new Map();
    let shown = [];
    let active = -1;

    const draw = () => {
      chips.replaceChildren(...[...chosen].map(([code, text]) => el("li", { class: "chip" }, text,
        el("button", { type: "button", "aria-label": "Ta bort " + text, onclick: () => remove(code) }, "×"))));
      values.replaceChildren(...[...chosen.keys()].map((code) => el("input", { type: "hidden", name, value: code })));
    };
    const close = () => {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    };
    const highlight = (i) => {
      active = i;
      [...list.children].forEach((li, j) => li.setAttribute("aria-selected", j === i ? "true" : "false"));
      if (i >= 0 && list.children[i]) {
        input.setAttribute("aria-activedescendant", list.children[i].id);
        list.children[i].scrollIntoView({ block: "nearest" });
      }
    };
    const open = () => {
      const q = fold(input.value.trim());
      shown = choices.filter((c) => !chosen.has(c.code) && (!q || fold(c.name).includes(q)))
        .sort((a, b) => (q ? fold(b.name).startsWith(q) - fold(a.name).startsWith(q) : 0))
        .slice(0, 50);
      list.replaceChildren(...shown.map((c, i) => el("li", {
        id: listId + "-" + i, role: "option", "aria-selected": "false", "data-code": c.code,
        onmousedown: (e) => { e.preventDefault(); add(c); },
      }, c.name)));
      list.hidden = shown.length === 0;
      input.setAttribute("aria-expanded", String(!list.hidden));
      highlight(q && shown.length ? 0 : -1);
    };
    const add = (c) => {
      chosen.set(c.code, c.name);
      input.value = "";
      draw();
      open();
      input.focus();
      field.dispatchEvent(new Event("change", { bubbles: true }));
    };
    const remove = (code) => {
      chosen.delete(code);
      draw();
      input.focus();
      field.dispatchEvent(new Event("change", { bubbles: true }));
    };
    input.addEventListener("input", open);
    input.addEventListener("focus", open);
    input.addEventListener("blur", () => setTimeout(close, 0));
    input.addEventListener("keydown", (e) => {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        if (list.hidden) open();
        if (!shown.length) return;
        highlight(e.key === "ArrowDown" ? Math.min(active + 1, shown.length - 1) : Math.max(active - 1, 0));
      } else if (e.key === "Enter") {
        if (!list.hidden && active >= 0 && shown[active]) {
          e.preventDefault();
          add(shown[active]);
        } else if (input.value.trim()) {
          e.preventDefault(); // never submit the form from an unfinished search
        }
      } else if (e.key === "Escape") {
        close();
      } else if (e.key === "Backspace" && !input.value && chosen.size) {
        remove([...chosen.keys()].pop());
      }
    });
    return {
      clear() {
        chosen.clear();
        input.value = "";
        draw();
      },
      values: () => [...chosen.keys()],
    };
  }

  const dateTime = new Intl.DateTimeFormat("sv-SE", { dateStyle: "short", timeStyle: "short", timeZone: "Europe/Stockholm" });
  function when(iso) {
    return iso ? dateTime.format(new Date(iso)) : "–";
  }

  /** The value for a datetime-local input: now (or the given time) in the browser's zone. */
  function localInput(date) {
    const d = date || new Date();
    const pad = (n) => String(n).padStart(2, "0");
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  }

  /** A datetime-local value as an ISO instant with offset, or null. */
  function instant(value) {
    return value ? new Date(value).toISOString() : null;
  }

  const STATUS = { MISSING: "Försvunnen", LOCATED: "Lokaliserad", RETURNED: "Återkommen", CLOSED: "Avslutad", WITHDRAWN: "Återkallad" };
  const DELIVERY = {
    QUEUED: "I kö", SENDING: "Skickas", SENT: "Skickad", DELIVERED: "Levererad", FAILED: "Misslyckades",
    UNDELIVERED: "Ej levererad", ACKNOWLEDGED: "Kvitterad", WITHDRAWN: "Återkallad (barnet åter)",
  };
  const KINDS = {
    POLICE: "Polis", SOCIAL_SERVICES: "Socialtjänst", SHELTER: "Skyddat boende / jour", GUARDIAN: "God man",
    MIGRATION_AGENCY: "Migrationsverket", OTHER: "Annan", TRAFFICKING_COORDINATOR: "Regionkoordinator mot människohandel",
    PARTNER: "Partnersystem (CAP-flöde)",
  };
  const REFERRAL_STATUS = { OPEN: "Ej kvitterad", ACKNOWLEDGED: "Kvitterad", CLOSED: "Avslutad" };
  const RISK = { HIGH: "Hög", ELEVATED: "Förhöjd", STANDARD: "Normal" };
  const GENDER = { FEMALE: "Flicka", MALE: "Pojke", OTHER: "Annat", UNKNOWN: "Okänt" };
  const ROLES = ROLE_NAMES;
  /** Gender as a word in a sentence: "flicka" for a child, "kvinna" for an adult (age 18 or more). */
  /** Given and family name, the family name only where the reader may see it. */
  function fullName(child) {
    return [child.givenName, child.familyName].filter(Boolean).join(" ");
  }

  function genderWord(code, age) {
    const adult = age != null && age >= 18;
    return { FEMALE: adult ? "kvinna" : "flicka", MALE: adult ? "man" : "pojke", OTHER: "annat kön" }[code] || "kön okänt";
  }
  const CHANNELS = { SMS: "sms", WEB: "webben", VOICE: "telefonsamtal", SANDBOX: "sms-sandlådan" };
  // Concerns, the police's SIS alert (Regulation (EU) 2018/1862 Art. 32) and a yellow notice.
  const CONCERN_STATUS = { OPEN: "Väntar på skyddsbedömning", ASSESSED: "Bedömd", ESCALATED: "Anmäld försvunnen", CLOSED: "Avslutad" };
  const SIS_CATEGORIES = {
    MISSING_TO_BE_PROTECTED: "Försvunnen, ska tas i skydd",
    MISSING_NOT_TO_BE_PROTECTED: "Försvunnen, ska inte tas i skydd",
    CHILD_AT_RISK_OF_ABDUCTION: "Barn som riskerar att föras bort av förälder eller släkting",
    CHILD_AT_RISK_OF_TRAFFICKING: "Barn som riskerar människohandel, tvångsäktenskap eller könsstympning",
    CHILD_AT_RISK_OF_TERRORISM: "Barn som riskerar att dras in i terroristbrott",
    CHILD_AT_RISK_OF_ARMED_GROUPS: "Barn som riskerar att rekryteras till väpnade grupper",
  };
  const YELLOW_NOTICE = {
    FAMILY_NAME: "efternamn", GIVEN_NAME: "förnamn", SEX: "kön", YEAR_OF_BIRTH: "födelseår",
    PHOTO_OR_DESCRIPTION: "foto eller signalement",
  };
  const RISK_INDICATORS = {
    PREVIOUS_DISAPPEARANCE: "Tidigare försvinnanden", SUSPECTED_TRAFFICKING: "Misstänkt människohandel",
    SUSPECTED_EXPLOITATION: "Misstänkt utnyttjande", CONTACT_WITH_UNKNOWN_ADULTS: "Kontakt med okända vuxna",
    SUBSTANCE_USE: "Missbruk", SELF_HARM: "Självskadebeteende", MENTAL_HEALTH_NEEDS: "Psykisk ohälsa",
    MEDICAL_NEEDS: "Medicinska behov", PREGNANCY: "Graviditet", AGE_ASSESSMENT_PENDING: "Åldersbedömning pågår",
    DEPORTATION_DECISION: "Utvisningsbeslut", RELATIVES_ELSEWHERE: "Släktingar på annan ort",
  };

  // Research codes: regions of origin (UN M49), age bands, time to return, quarters and months.
  const ORIGIN_REGIONS = {
    "034": "Södra Asien", "145": "Västasien", "015": "Nordafrika", "202": "Afrika söder om Sahara",
    "142": "Övriga Asien", "150": "Europa", "019": "Amerika", "009": "Oceanien", ZZ: "Okänd",
  };
  const RETURN_BANDS = {
    "1 under 6 h": "Under 6 tim", "2 6-24 h": "6–24 tim", "3 1-3 days": "1–3 dygn",
    "4 3-7 days": "3–7 dygn", "5 over 7 days": "Över 7 dygn", "6 not returned": "Inte återkommen",
  };
  /** An age band "13-15" as "13–15 år". */
  function ageBand(band) {
    return band == null ? "–" : String(band).replace("-", "–").replace(/^(\d+)(–\d+|\+)?$/, "$1$2 år");
  }
  const monthFormat = new Intl.DateTimeFormat("sv-SE", { month: "short", year: "numeric", timeZone: "UTC" });
  /** A month "2026-03" as "mars 2026". */
  function month(value) {
    const m = /^(\d{4})-(\d{2})$/.exec(value || "");
    return m ? monthFormat.format(new Date(Date.UTC(+m[1], +m[2] - 1, 15))) : value;
  }
  /** A quarter "2026-Q1" as "1:a kvartalet 2026". */
  function quarter(value) {
    const m = /^(\d{4})-?Q([1-4])$/i.exec(value || "");
    return m ? ["1:a", "2:a", "3:e", "4:e"][m[2] - 1] + " kvartalet " + m[1] : value;
  }

  const countryNames = (() => {
    try {
      return new Intl.DisplayNames(["sv"], { type: "region" });
    } catch (e) {
      return null;
    }
  })();
  /** A country code (ISO 3166-1) as its Swedish name: "AF" → "Afghanistan". */
  function country(code) {
    try {
      return (countryNames && code && countryNames.of(code)) || code;
    } catch (e) {
      return code;
    }
  }

  // Municipality, county and police region names by code, from the service, fetched once a page.
  let placeNames = null;
  function places() {
    if (!placeNames) {
      placeNames = Promise.all([get("/api/v1/geo/municipalities"), get("/api/v1/geo/areas")]).then(([list, areas]) => {
        const names = (entries) => new Map(entries.map((a) => [a.code, a.name]));
        const municipalities = names(list);
        const counties = names(areas.counties);
        const regions = names(areas.policeRegions);
        return {
          list, areas,
          municipality: (code) => municipalities.get(code) || code || "–",
          county: (code) => counties.get(code) || code || "–",
          region: (code) => regions.get(code) || code || "–",
        };
      });
    }
    return placeNames;
  }

  const languageNames = (() => {
    try {
      return new Intl.DisplayNames(["sv"], { type: "language" });
    } catch (e) {
      return null;
    }
  })();
  /** A language code (ISO 639) as its Swedish name: "prs" → "dari". */
  // Where the browser's Swedish name is not the one people in care use.
  const LANGUAGE_NAMES = { ps: "pashto" };
  function language(code) {
    try {
      return LANGUAGE_NAMES[code] || (languageNames && languageNames.of(code)) || code;
    } catch (e) {
      return code;
    }
  }

  /**
   * How long until a deadline, as a badge: grey while there is time, amber the last 24 hours,
   * red once it has passed ("12 tim kvar", "Försenat 5 tim").
   */
  function deadline(dueBy, now = Date.now()) {
    const hours = Math.round((new Date(dueBy).getTime() - now) / 3600000);
    if (hours < 0) {
      const late = -hours >= 48 ? Math.round(-hours / 24) + " dagar" : -hours + " tim";
      return el("span", { class: "badge missing" }, "Försenat " + late);
    }
    const left = hours >= 48 ? Math.round(hours / 24) + " dagar kvar" : hours + " tim kvar";
    return el("span", { class: hours < 24 ? "badge warn" : "badge" }, left);
  }

  /** On a phone a wide table is read as cards: each cell gets its column's heading as a label. */
  function labelCells(table) {
    const headings = [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim());
    table.classList.add("stack");
    for (const row of table.querySelectorAll("tbody tr")) {
      [...row.children].forEach((td, i) => {
        if (headings[i] && !td.hasAttribute("colspan")) td.dataset.label = headings[i];
      });
    }
  }

  // Countries and languages are typed as Swedish names and stored as codes. The names come from
  // the browser's own sv data (Intl.DisplayNames), so every ISO code it knows can be typed.
  const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  let countryList = null;
  /** Every country the browser names in Swedish: [{code, name}], sorted by name. */
  function countries() {
    if (!countryList) {
      countryList = [];
      for (const a of LETTERS) for (const b of LETTERS) {
        const code = a + b;
        const name = country(code);
        if (name && name !== code && !/okänd|unknown/i.test(name)) countryList.push({ code, name });
      }
      countryList.sort((x, y) => x.name.localeCompare(y.name, "sv"));
    }
    return countryList;
  }
  /** "Afghanistan", "afghanistan" or "AF" → "AF"; anything else as typed, for the service to judge. */
  function countryCode(typed) {
    const t = String(typed || "").trim();
    if (/^[A-Za-z]{2}$/.test(t)) return t.toUpperCase();
    const found = countries().find((c) => c.name.toLocaleLowerCase("sv") === t.toLocaleLowerCase("sv"));
    return found ? found.code : t;
  }
  // The languages children in care most often speak, first in the list, with the names staff use
  // for them (the ISO names differ: "pashto" is ps, "dari" prs, "sorani" ckb).
  const COMMON_LANGUAGES = ["prs", "ps", "fa", "ar", "so", "ti", "am", "ckb", "kmr", "uz", "ur", "tg", "om", "sq", "bn", "pa", "tr", "ru", "uk", "fr", "en", "sv"];
  const LANGUAGE_ALIASES = { pashto: "ps", pashtu: "ps", dari: "prs", farsi: "fa", persiska: "fa", sorani: "ckb", kurmanji: "kmr", tigrinja: "ti", tigrinya: "ti", somali: "so", arabiska: "ar" };
  let languageList = null;
  /** Languages the browser names in Swedish: the common ones first, then every two-letter code. */
  function languages() {
    if (!languageList) {
      const seen = new Set();
      languageList = [];
      const add = (code) => {
        const name = language(code);
        if (!seen.has(code) && name && name !== code) {
          seen.add(code);
          languageList.push({ code, name });
        }
      };
      COMMON_LANGUAGES.forEach(add);
      const rest = [];
      for (const a of LETTERS) for (const b of LETTERS) rest.push((a + b).toLowerCase());
      rest.forEach(add);
    }
    return languageList;
  }
  /** "dari, pashto" → ["prs", "ps"]; a code typed as a code stays; an unknown word as typed. */
  function languageCodes(typed) {
    return String(typed || "").split(",").map((w) => w.trim()).filter(Boolean).map((w) => {
      const lower = w.toLocaleLowerCase("sv");
      if (LANGUAGE_ALIASES[lower]) return LANGUAGE_ALIASES[lower];
      const found = languages().find((l) => l.name.toLocaleLowerCase("sv") === lower);
      if (found) return found.code;
      return /^[a-z]{2,3}$/.test(lower) ? lower : w;
    });
  }

  // Numbers as sv-SE writes them: decimal comma, a no-break space between thousands and before
  // the percent sign, a real minus sign.
  const numberFormat = new Intl.NumberFormat("sv-SE", { maximumFractionDigits: 1 });
  const percentFormat = new Intl.NumberFormat("sv-SE", { style: "percent", maximumFractionDigits: 1 });
  /** A number in Swedish form: 52,6; 1 234. */
  function number(n) {
    return n == null || n === "" || isNaN(Number(n)) ? "–" : numberFormat.format(Number(n));
  }

  /** A percentage (0..100) as "52,6 %". */
  function percent(value) {
    return value == null ? "–" : percentFormat.format(Number(value) / 100);
  }

  /** Minutes as "2 tim 5 min" / "3 dygn 4 tim". */
  function duration(minutes) {
    const m = Math.max(0, Math.round(minutes));
    const d = Math.floor(m / 1440);
    const h = Math.floor((m % 1440) / 60);
    if (d > 0) return d + " dygn " + h + " tim";
    if (h > 0) return h + " tim " + (m % 60) + " min";
    return (m % 60) + " min";
  }

  const dateFormat = new Intl.DateTimeFormat("sv-SE", { dateStyle: "long", timeZone: "Europe/Stockholm" });
  /** A date (YYYY-MM-DD or ISO time) as "3 november 2026". */
  function date(value) {
    return value ? dateFormat.format(new Date(value.length === 10 ? value + "T12:00:00Z" : value)) : "–";
  }

  function query(name) {
    return new URLSearchParams(location.search).get(name);
  }

  return {
    START, fullName, deadline, labelCells, countries, countryCode, languages, languageCodes, claims, role, signIn, signOut, api, get, getPage, getAll, post, put, patch, el, page, showProblem, clearProblem, onSubmit, map,
    problemText, restoreDraft, forgetDraft, check,
    when, localInput, instant, query, Problem, STATUS, DELIVERY, KINDS, RISK, GENDER, ROLES, CHANNELS, RISK_INDICATORS,
    language, number, percent, duration, date, here, REFERRAL_STATUS, ORIGIN_REGIONS, RETURN_BANDS, ageBand, month,
    quarter, country, places, openHomes, picker, genderWord, CONCERN_STATUS, SIS_CATEGORIES, YELLOW_NOTICE,
  };
})();

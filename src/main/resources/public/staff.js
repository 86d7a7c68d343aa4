"use strict";
(async () => {
  const { el, get, when } = Saknad;
  Saknad.page(["HVB_STAFF", "COORDINATOR"]);
  const homeId = Saknad.claims().homeId;
  try {
    const [children, open, returned] = await Promise.all([
      Saknad.getAll("/api/v1/children" + (homeId ? "?homeId=" + homeId : "")),
      Saknad.getAll("/api/v1/cases?status=MISSING"),
      Saknad.getAll("/api/v1/cases?status=RETURNED"),
    ]);
    if (homeId) {
      const home = await get("/api/v1/homes/" + homeId);
      document.getElementById("title").textContent = "Barnen på " + home.name;
    }
    const located = await Saknad.getAll("/api/v1/cases?status=LOCATED");
    const concerned = new Map((await get("/api/v1/concerns?status=OPEN")).map((c) => [c.childId, c]));
    const openCase = new Map([...open, ...located].map((c) => [c.child.id, c]));
    const list = document.getElementById("children");
    if (children.length === 0) list.append(el("p", {}, "Inga barn är registrerade ännu."));
    for (const child of children.filter((c) => !c.mergedInto)) {
      const kase = openCase.get(child.id);
      const initials = (child.givenName[0] || "") + (child.familyName[0] || "");
      list.append(el("article", { class: "card", "data-child": child.id },
        el("div", { class: "head" },
          el("div", { class: "avatar", "aria-hidden": "true" }, initials.toUpperCase()),
          el("div", {},
            el("strong", {}, child.givenName + " " + child.familyName),
            el("div", { class: "hint" }, child.age != null ? child.age + " år" : "Ålder okänd"))),
        kase
          ? el("a", { class: "badge missing", href: "case.html?id=" + kase.id }, Saknad.STATUS[kase.status] + " · ärende " + kase.code)
          : null,
        !kase && concerned.has(child.id)
          ? el("a", { class: "badge", href: "concern.html?id=" + concerned.get(child.id).id }, "Oro anmäld · visa")
          : null,
        el("div", { class: "actions" },
          kase ? el("a", { class: "button", href: "case.html?id=" + kase.id }, "Visa ärendet")
               : el("a", { class: "button alarm", href: "report.html?child=" + child.id }, "Anmäl försvunnen"),
          el("a", { class: "button secondary", href: "child.html?id=" + child.id }, "Ändra"),
          kase ? null : el("a", { class: "button secondary", href: "child.html?id=" + child.id + "#concern" }, "Anmäl oro"))));
    }
    const names = new Map(children.map((c) => [c.id, c.givenName + " " + c.familyName]));
    const codes = new Map(returned.map((c) => [c.id, c]));
    const rows = document.getElementById("debriefs");
    for (const p of await get("/api/v1/debriefs/pending")) {
      const c = codes.get(p.caseId);
      rows.append(el("tr", {},
        el("td", {}, p.caseCode), el("td", {}, c ? names.get(c.child.id) || c.child.givenName : "–"),
        el("td", {}, when(p.returnedAt)),
        el("td", {}, when(p.debriefDueBy), " ", Saknad.deadline(p.debriefDueBy)),
        el("td", {}, el("a", { href: "case.html?id=" + p.caseId + "#debrief" }, "Fyll i samtalet"))));
    }
    if (!rows.children.length) rows.append(el("tr", {}, el("td", { colspan: 5 }, "Inga samtal väntar.")));
    Saknad.labelCells(rows.closest("table"));
  } catch (e) {
    const box = document.getElementById("error");
    box.textContent = Saknad.problemText(e);
    box.hidden = false;
  }
})();

"use strict";
// The scenario page: add and remove rows, collect the forms, check, save, and plan.

(() => {
  const editor = document.getElementById("editor");
  if (!editor) return;
  const file = editor.dataset.file;
  let dirty = false;

  editor.addEventListener("input", () => { dirty = true; });
  editor.addEventListener("change", () => { dirty = true; });
  window.addEventListener("beforeunload", (event) => {
    if (dirty) event.preventDefault();
  });

  editor.addEventListener("click", (event) => {
    const add = event.target.closest("button.add");
    if (add) {
      const section = add.closest(".form-section");
      const row = section.querySelector("template.new-row").content.firstElementChild.cloneNode(true);
      section.querySelector("tbody").append(row);
      row.querySelector(".row-id").focus();
      dirty = true;
    }
    const remove = event.target.closest("button.remove");
    if (remove) {
      remove.closest("tr").remove();
      dirty = true;
    }
  });

  function fieldValue(field) {
    const kind = field.dataset.kind;
    if (field.querySelector("[data-readonly]")) return undefined;
    if (kind === "days" || kind === "ids") {
      return [...field.querySelectorAll("input[type=checkbox]")].filter((box) => box.checked).map((box) => box.value);
    }
    if (kind === "window" || kind === "want") return [...field.querySelectorAll("[data-part]")].map((input) => input.value);
    const input = field.querySelector("input, select");
    return input ? input.value : undefined;
  }

  function fieldsOf(container) {
    const fields = {};
    for (const field of container.querySelectorAll(".field")) {
      const value = fieldValue(field);
      if (value !== undefined) fields[field.dataset.field] = value;
    }
    return fields;
  }

  // The forms as the API takes them; each field's data-path follows its row's current id.
  function collect() {
    const form = {};
    for (const section of editor.querySelectorAll(".form-section")) {
      if (section.dataset.table !== "yes") {
        form[section.dataset.section] = { fields: fieldsOf(section) };
        continue;
      }
      const rows = [];
      for (const row of section.querySelectorAll("tbody tr.row")) {
        const id = row.querySelector(".row-id").value.trim();
        const prefix = section.dataset.path ? `${section.dataset.path}.${id}` : id;
        row.querySelector("td.id").dataset.path = prefix;
        for (const field of row.querySelectorAll(".field")) field.dataset.path = `${prefix}.${field.dataset.field}`;
        rows.push({ id, was: row.dataset.was || null, fields: fieldsOf(row) });
      }
      form[section.dataset.section] = { rows };
    }
    return form;
  }

  function clearProblems() {
    for (const shown of editor.querySelectorAll(".problem")) shown.remove();
    for (const marked of editor.querySelectorAll(".invalid")) marked.classList.remove("invalid");
  }

  // The element a problem's field path points at: the field itself, else the nearest part of its path.
  function placeOf(path) {
    const parts = path.split(".");
    for (let n = parts.length; n > 0; n--) {
      const found = editor.querySelector(`[data-path="${CSS.escape(parts.slice(0, n).join("."))}"]`);
      if (found) return found;
    }
    return null;
  }

  function showProblems(problems) {
    clearProblems();
    let first = null;
    for (const problem of problems || []) {
      const place = problem.field ? placeOf(problem.field) : null;
      if (!place) continue;
      place.classList.add("invalid");
      place.append(ww.el("div", { class: "problem", role: "alert" }, problem.message));
      first = first || place;
    }
    if (first) first.scrollIntoView({ block: "center" });
  }

  function showWarnings(warnings) {
    if (!warnings || !warnings.length) return null;
    return ww.el("ul", {}, warnings.map((w) => ww.el("li", {}, w)));
  }

  async function check() {
    const answer = await ww.call("POST", `/api/scenarios/${encodeURIComponent(file)}/check`, {
      version: editor.dataset.version, form: collect(),
    });
    if (answer.ok) {
      clearProblems();
      ww.say("Everything can be used as it is.", "ok", showWarnings(answer.data.warnings) || "");
    } else {
      ww.say(answer.data.detail || "Something is not right.", "bad");
      showProblems(answer.data.problems);
    }
  }

  async function save() {
    const answer = await ww.call("PUT", `/api/scenarios/${encodeURIComponent(file)}`, {
      version: editor.dataset.version, form: collect(),
    });
    if (answer.ok) {
      editor.dataset.version = answer.data.version;
      for (const row of editor.querySelectorAll("tr.row")) {
        row.dataset.was = row.querySelector(".row-id").value.trim();
        row.classList.remove("new");
      }
      dirty = false;
      clearProblems();
      ww.say("Saved. The file keeps its comments and order.", "ok", showWarnings(answer.data.warnings) || "");
      return true;
    }
    if (answer.status === 409) {
      const copy = new Blob([answer.data.text || ""], { type: "text/yaml" });
      const link = ww.el("a", { class: "button", href: URL.createObjectURL(copy), download: file.replace(/\.ya?ml$/, "") + ".my-edits.yaml" }, "Download my version");
      ww.say(answer.data.detail, "bad", " ", link);
    } else {
      ww.say(answer.data.detail || "Not saved.", "bad");
      showProblems(answer.data.problems);
    }
    return false;
  }

  async function plan() {
    if (dirty && !(await save())) return;
    ww.say("Starting the plan…", "");
    await ww.solve({ file, time_limit: Number(document.getElementById("time-limit").value) });
  }

  editor.addEventListener("click", async (event) => {
    const button = event.target.closest("button.open-plan");
    if (!button) return;
    const answer = await ww.call("POST", "/api/plans/open", { file, plan: button.dataset.plan });
    if (answer.ok) window.location.assign(answer.data.page);
    else ww.say(answer.data.detail || "The plan could not be opened.", "bad");
  });

  document.getElementById("check").addEventListener("click", check);
  document.getElementById("save").addEventListener("click", save);
  document.getElementById("solve").addEventListener("click", plan);
})();

"use strict";
// Shared by every page: calls to the API, following a job, building elements from text (never from HTML).

const ww = {
  FINAL: ["done", "failed", "stopped"],

  async call(method, url, body) {
    const options = { method, headers: { Accept: "application/json" }, credentials: "same-origin" };
    if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(url, options);
    } catch (error) {
      return { ok: false, status: 0, data: { detail: "The workbench cannot be reached. Is `workwindow serve` still running?" } };
    }
    let data = {};
    try {
      data = await response.json();
    } catch (error) {
      data = {};
    }
    return { ok: response.ok, status: response.status, data };
  },

  // Follow a job's progress; `onUpdate` gets {state, stages, error} at each change.
  follow(jobId, onUpdate) {
    const source = new EventSource(`/api/jobs/${encodeURIComponent(jobId)}/events`);
    source.onmessage = (event) => {
      const update = JSON.parse(event.data);
      onUpdate(update);
      if (ww.FINAL.includes(update.state)) source.close();
    };
    return source;
  },

  el(tag, attributes, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === "class") element.className = value;
      else if (name.startsWith("on")) element.addEventListener(name.slice(2), value);
      else element.setAttribute(name, value === true ? "" : value);
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined) continue;
      element.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return element;
  },

  say(text, tone, ...extra) {
    const box = document.getElementById("message");
    if (!box) return;
    box.hidden = false;
    box.className = `message ${tone || ""}`;
    box.replaceChildren(ww.el("span", {}, text), ...extra);
    box.scrollIntoView({ block: "nearest" });
  },

  async solve(body) {
    const answer = await ww.call("POST", "/api/solve", body);
    if (answer.ok) window.location.assign(answer.data.page);
    else ww.say(answer.data.detail || "The plan could not be started.", "bad");
    return answer;
  },
};

document.addEventListener("click", (event) => {
  const button = event.target.closest(".solve-file");
  if (!button) return;
  button.disabled = true;
  ww.solve({ file: button.dataset.file, time_limit: 30 }).then((answer) => {
    if (!answer.ok) {
      button.disabled = false;
      window.alert(answer.data.detail || "The plan could not be started.");
    }
  });
});

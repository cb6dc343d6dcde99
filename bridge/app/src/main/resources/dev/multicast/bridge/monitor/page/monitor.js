// The live monitor: one event a second from /monitor/events, drawn without reloading.
// Everything shown is set as text (textContent), never as markup.
"use strict";

(() => {
  const F = MonitorFormat;
  const HISTORY = 300;
  const STALE_MILLIS = 3000;
  const REFUSED_RETRY_MILLIS = 10000;
  const UNBOUNDED = 2147483647;

  const byId = (id) => document.getElementById(id);
  let lastEvent = 0;
  let source = null;

  // ---- connection ---------------------------------------------------------------------------

  function setStatus(state, text) {
    const status = byId("status");
    if (status.dataset.state !== state || status.textContent !== text) {
      status.dataset.state = state;
      status.textContent = text;
    }
  }

  function connect() {
    source = new EventSource("monitor/events");
    source.onopen = () => setStatus("live", "Live");
    source.onmessage = (event) => {
      lastEvent = Date.now();
      setStatus("live", "Live");
      // Not in the live region: a screen reader would read the time out every second.
      byId("updated").textContent = "· updated " + F.time(lastEvent);
      render(JSON.parse(event.data));
    };
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED) {
        // Refused (too many pages open) or not a stream: try again later, not at once.
        source.close();
        setStatus("lost", "The bridge refused the live stream; trying again in 10 s");
        setTimeout(connect, REFUSED_RETRY_MILLIS);
      } else {
        setStatus("lost", "Connection lost; reconnecting…");
      }
    };
  }

  setInterval(() => {
    if (lastEvent && Date.now() - lastEvent > STALE_MILLIS && byId("status").dataset.state === "live") {
      setStatus("stale", "No update since " + F.time(lastEvent));
    }
  }, 1000);

  // ---- tables -------------------------------------------------------------------------------

  /** Keeps one row per item, in order, reusing rows so that nothing flickers or loses focus. */
  function syncRows(tbody, items, keyOf, columns, fill) {
    const old = new Map(Array.from(tbody.rows, (row) => [row.dataset.key, row]));
    items.forEach((item, index) => {
      const key = keyOf(item);
      let row = old.get(key);
      if (row) {
        old.delete(key);
      } else {
        row = document.createElement("tr");
        row.dataset.key = key;
        const header = document.createElement("th");
        header.scope = "row";
        row.appendChild(header);
        for (let i = 1; i < columns; i++) {
          row.appendChild(document.createElement("td"));
        }
      }
      fill(row, item);
      if (tbody.rows[index] !== row) {
        tbody.insertBefore(row, tbody.rows[index] || null);
      }
    });
    old.forEach((row) => row.remove());
  }

  /** Sets a cell's text, and its exact value for tests and tooltips, only when they changed. */
  function put(cell, text, value, title) {
    if (cell.textContent !== text) {
      cell.textContent = text;
    }
    if (value !== undefined && cell.dataset.value !== String(value)) {
      cell.dataset.value = String(value);
    }
    if (title !== undefined && cell.title !== title) {
      cell.title = title;
    }
  }

  function numeric(cell, field) {
    cell.classList.add("num");
    cell.dataset.field = field;
    return cell;
  }

  function badge(cell, kind, text) {
    let span = cell.querySelector(".badge");
    if (!span) {
      span = document.createElement("span");
      cell.replaceChildren(span);
    }
    span.className = "badge " + kind;
    put(span, text);
  }

  /** A name in bold, and below it, smaller, what it belongs to or comes from. */
  function twoLines(cell, name, below) {
    if (!cell.firstChild) {
      const first = document.createElement("span");
      const second = document.createElement("span");
      second.className = "below";
      cell.append(first, second);
    }
    put(cell.firstChild, name);
    put(cell.lastChild, below || "");
  }

  function showIfEmpty(id, items) {
    byId(id).hidden = items.length > 0;
  }

  // ---- sections -----------------------------------------------------------------------------

  const STATES = { joined: "ok", "not-joined": "bad", "sends-only": "quiet" };

  function renderGroups(state) {
    syncRows(byId("groups").tBodies[0], state.groups, (g) => g.group, 9, (row, g) => {
      row.dataset.group = g.group;
      const c = row.cells;
      put(c[0], g.group);
      c[1].dataset.field = "iface";
      put(c[1], g.iface || "–");
      c[2].dataset.field = "state";
      badge(c[2], STATES[g.status] || "quiet", g.status === "sends-only" ? "sends only" : g.detail);
      put(numeric(c[3], "in-rate"), F.rate(g.in.datagramsPerSecond), g.in.datagramsPerSecond);
      put(numeric(c[4], "in-count"), F.count(g.in.datagrams), g.in.datagrams, F.exact(g.in.datagrams) + " datagrams");
      put(numeric(c[5], "in-bytes"), F.byteRate(g.in.bytesPerSecond), g.in.bytes, F.bytes(g.in.bytes) + " in total");
      put(numeric(c[6], "out-rate"), F.rate(g.out.datagramsPerSecond), g.out.datagramsPerSecond);
      put(numeric(c[7], "out-count"), F.count(g.out.datagrams), g.out.datagrams, F.exact(g.out.datagrams) + " datagrams");
      put(numeric(c[8], "out-bytes"), F.byteRate(g.out.bytesPerSecond), g.out.bytes, F.bytes(g.out.bytes) + " in total");
    });
    showIfEmpty("groups-empty", state.groups);
    const more = byId("groups-more");
    more.hidden = state.groupsNotShown === 0;
    put(more, state.groupsNotShown + " more groups not shown (see /observe/metrics)");
  }

  const DROPS = {
    loop: "loop",
    "own-emission": "own emission",
    kernel: "kernel",
  };
  const DROP_TITLES = {
    loop: "Came back from the broker to the group it came from: not sent again",
    "own-emission": "Sent by this bridge, heard back on the group: not taken again",
    kernel: "The socket's receive buffer was full: the kernel dropped it",
  };

  function renderDrops(state) {
    syncRows(byId("drops").tBodies[0], state.drops, (d) => d.kind + " " + d.reason + " " + d.group, 3, (row, d) => {
      row.dataset.reason = d.reason;
      row.dataset.kind = d.kind;
      const c = row.cells;
      twoLines(c[0], d.kind === "rejected" ? "rejected: " + d.reason : DROPS[d.reason] || d.reason, d.group);
      c[0].title = DROP_TITLES[d.reason] || "Refused by a keyed route: " + d.reason;
      if (d.count === null) {
        put(numeric(c[1], "count"), "not measured", "");
        put(numeric(c[2], "rate"), "–");
      } else {
        put(numeric(c[1], "count"), F.count(d.count), d.count, F.exact(d.count));
        put(numeric(c[2], "rate"), F.rate(d.perSecond), d.perSecond);
      }
    });
  }

  function renderDeadLetters(state) {
    const dead = state.deadLetters;
    put(byId("dead-count"), F.count(dead.count), dead.count, F.exact(dead.count));
    put(byId("dead-dropped"), F.count(dead.droppedFull), dead.droppedFull, F.exact(dead.droppedFull));
    const list = byId("dead-latest");
    const items = dead.latest.map((d) => {
      const item = document.createElement("li");
      const when = document.createElement("time");
      when.dateTime = new Date(d.time).toISOString();
      when.textContent = F.time(d.time);
      const route = document.createElement("span");
      route.className = "route";
      route.textContent = d.route;
      const reason = document.createElement("span");
      reason.className = "reason";
      reason.textContent = d.reason;
      item.append(when, " ", route, " ", reason);
      return item;
    });
    const text = items.map((i) => i.textContent).join("\n");
    if (list.dataset.text !== text) {
      list.dataset.text = text;
      list.replaceChildren(...items);
    }
    showIfEmpty("dead-none", dead.latest);
  }

  function renderHolds(state) {
    const list = byId("holds");
    const text = JSON.stringify(state.holds);
    if (list.dataset.text === text) {
      return;
    }
    list.dataset.text = text;
    list.replaceChildren(...state.holds.map((h) => {
      const item = document.createElement("li");
      const label = document.createElement("span");
      label.className = "name";
      label.textContent = h.queue;
      const unbounded = h.capacity >= UNBOUNDED;
      const meter = document.createElement("meter");
      meter.min = 0;
      meter.max = unbounded ? Math.max(1, h.held) : h.capacity;
      meter.value = h.held;
      meter.high = meter.max * 0.8;
      meter.low = meter.max * 0.5;
      meter.optimum = 0;
      const words = unbounded
        ? F.count(h.held) + " held (unbounded)"
        : F.count(h.held) + " of " + F.count(h.capacity) + " (" + Math.round((100 * h.held) / h.capacity) + "%)";
      meter.setAttribute("aria-label", h.queue + ": " + words);
      const figure = document.createElement("span");
      figure.className = "figure";
      figure.dataset.value = String(h.held);
      figure.textContent = words;
      item.append(label, meter, figure);
      return item;
    }));
    showIfEmpty("holds-none", state.holds);
  }

  function renderConnections(state) {
    const list = byId("connections");
    const text = JSON.stringify(state.connections);
    if (list.dataset.text === text) {
      return;
    }
    list.dataset.text = text;
    list.replaceChildren(...state.connections.map((c) => {
      const item = document.createElement("li");
      item.dataset.connection = c.name;
      const status = document.createElement("span");
      status.className = "badge " + (c.status === "up" ? "ok" : c.status === "down" ? "bad" : "quiet");
      status.textContent = c.status;
      const name = document.createElement("span");
      name.className = "name";
      name.textContent = c.name;
      const detail = document.createElement("span");
      detail.className = "detail";
      detail.textContent = c.detail;
      item.append(status, " ", name, " ", detail);
      return item;
    }));
    showIfEmpty("connections-none", state.connections);
  }

  function renderRoutes(state) {
    syncRows(byId("routes").tBodies[0], state.routes, (r) => r.id, 6, (row, r) => {
      row.dataset.route = r.id;
      const c = row.cells;
      twoLines(c[0], r.id, r.from);
      badge(c[1], r.status === "Started" ? "ok" : "bad", r.status.toLowerCase());
      put(numeric(c[2], "rate"), F.rate(r.perSecond), r.perSecond);
      put(numeric(c[3], "total"), F.count(r.exchanges), r.exchanges, F.exact(r.exchanges));
      put(numeric(c[4], "failed"), F.count(r.failed), r.failed, F.exact(r.failed));
      c[5].classList.add("error");
      put(c[5], r.lastError ? F.time(r.lastErrorTime) + " " + r.lastError : "–");
    });
  }

  // ---- charts -------------------------------------------------------------------------------

  const chartData = { times: [], groups: new Map() };
  const charts = {
    datagrams: { id: "chart-datagrams", in: "datagramsIn", out: "datagramsOut", format: F.rate, plot: null, keys: "" },
    bytes: { id: "chart-bytes", in: "bytesIn", out: "bytesOut", format: F.byteRate, plot: null, keys: "" },
  };

  function css(name) {
    return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  }

  function seriesColor(index) {
    return css("--series-" + (index % 6));
  }

  function emptySeries(length) {
    return {
      datagramsIn: new Array(length).fill(null),
      datagramsOut: new Array(length).fill(null),
      bytesIn: new Array(length).fill(null),
      bytesOut: new Array(length).fill(null),
    };
  }

  function loadHistory(history) {
    chartData.times = history.times.map((t) => t / 1000);
    chartData.groups = new Map(Object.entries(history.groups));
  }

  function appendSample(state) {
    const length = chartData.times.length;
    chartData.times.push(state.time / 1000);
    const seen = new Set();
    for (const g of state.groups) {
      seen.add(g.group);
      if (!chartData.groups.has(g.group)) {
        chartData.groups.set(g.group, emptySeries(length));
      }
      const series = chartData.groups.get(g.group);
      series.datagramsIn.push(g.in.datagramsPerSecond);
      series.datagramsOut.push(g.out.datagramsPerSecond);
      series.bytesIn.push(g.in.bytesPerSecond);
      series.bytesOut.push(g.out.bytesPerSecond);
    }
    chartData.groups.forEach((series, group) => {
      if (!seen.has(group)) {
        Object.values(series).forEach((values) => values.push(null));
      }
    });
    if (chartData.times.length > HISTORY) {
      const extra = chartData.times.length - HISTORY;
      chartData.times.splice(0, extra);
      chartData.groups.forEach((series) => Object.values(series).forEach((values) => values.splice(0, extra)));
    }
  }

  function drawCharts() {
    if (typeof uPlot === "undefined") {
      return;
    }
    Object.values(charts).forEach(drawChart);
  }

  function drawChart(chart) {
    const element = byId(chart.id);
    const groups = Array.from(chartData.groups.keys());
    const data = [chartData.times];
    groups.forEach((group) => {
      const series = chartData.groups.get(group);
      data.push(series[chart.in], series[chart.out]);
    });
    const keys = groups.join(" ");
    if (!chart.plot || chart.keys !== keys) {
      if (chart.plot) {
        chart.plot.destroy();
      }
      chart.keys = keys;
      chart.plot = new uPlot(options(chart, groups, element), data, element);
    } else {
      chart.plot.setData(data);
    }
  }

  function options(chart, groups, element) {
    const text = css("--muted");
    const grid = css("--grid");
    const axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
    const series = [{ value: (u, v) => (v === null ? "–" : F.time(v * 1000)) }];
    groups.forEach((group, index) => {
      const color = seriesColor(index);
      const value = (u, v) => (v === null ? "–" : chart.format(v));
      series.push({ label: group + " in", stroke: color, width: 2, value, spanGaps: false });
      // Out is dashed as well as labelled: the two differ in more than colour.
      series.push({ label: group + " out", stroke: color, width: 2, dash: [6, 4], value, spanGaps: false });
    });
    return {
      width: Math.max(240, element.clientWidth),
      height: 200,
      series,
      scales: { x: { time: true }, y: { range: (u, min, max) => [0, Math.max(1, max * 1.1)] } },
      axes: [
        Object.assign({}, axis),
        Object.assign({}, axis, { size: 64, values: (u, values) => values.map((v) => chart.format(v).replace("/s", "")) }),
      ],
      cursor: { drag: { x: false, y: false } },
      legend: { live: true },
    };
  }

  if (typeof ResizeObserver !== "undefined") {
    const resized = new ResizeObserver(() => {
      Object.values(charts).forEach((chart) => {
        if (chart.plot) {
          const width = Math.max(240, byId(chart.id).clientWidth);
          if (width !== chart.plot.width) {
            chart.plot.setSize({ width, height: 200 });
          }
        }
      });
    });
    Object.values(charts).forEach((chart) => resized.observe(byId(chart.id)));
  }

  // Colours follow the system's light or dark setting; the charts are redrawn in the new ones.
  window.matchMedia("(prefers-color-scheme: dark)").addEventListener("change", () => {
    Object.values(charts).forEach((chart) => (chart.keys = null));
    drawCharts();
  });

  // ---- one event ----------------------------------------------------------------------------

  function render(state) {
    if (state.history) {
      loadHistory(state.history);
    } else {
      appendSample(state);
    }
    renderGroups(state);
    renderDrops(state);
    renderDeadLetters(state);
    renderHolds(state);
    renderConnections(state);
    renderRoutes(state);
    drawCharts();
  }

  connect();
})();

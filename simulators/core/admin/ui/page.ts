/**
 * The dashboard page: landmarks, headings and labelled forms rendered by the server; the script (`app.js`) fills the
 * tables from the admin API. Readable on a laptop screen: two columns, sandbox list on the left.
 */
const STYLE = `
:root { color-scheme: light dark; --fg: #1b1f24; --bg: #fff; --muted: #5b6570; --line: #d0d7de; --accent: #0b5cad;
  --good: #116329; --bad: #b3261e; --panel: #f6f8fa; font: 14px/1.45 system-ui, sans-serif; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9aa5b1; --line: #30363d;
  --accent: #58a6ff; --good: #3fb950; --bad: #f85149; --panel: #161b22; } }
body { margin: 0; color: var(--fg); background: var(--bg); }
header { display: flex; gap: 1.5rem; align-items: baseline; padding: .6rem 1.2rem; border-bottom: 1px solid var(--line); }
header h1 { font-size: 1.2rem; margin: 0; }
a, button.link { color: var(--accent); }
.layout { display: grid; grid-template-columns: minmax(14rem, 18rem) minmax(0, 1fr); gap: 1rem; padding: .4rem 1.2rem 1rem; }
nav ul { list-style: none; padding: 0; margin: 0 0 1rem; }
nav li { margin: .2rem 0; }
nav button { font: inherit; padding: .25rem .5rem; border: 1px solid var(--line); border-radius: 4px;
  background: var(--panel); color: var(--fg); cursor: pointer; }
nav button.current { border-color: var(--accent); font-weight: 600; }
section.card { border: 1px solid var(--line); border-radius: 6px; padding: .6rem .9rem; margin-bottom: 1rem; background: var(--bg); }
section.card > h2 { font-size: 1.05rem; margin: .1rem 0 .5rem; }
form { display: flex; flex-wrap: wrap; gap: .5rem .9rem; align-items: end; margin: .3rem 0 .6rem; }
form.stack { flex-direction: column; align-items: stretch; }
label { display: flex; flex-direction: column; font-size: .85rem; color: var(--muted); gap: .15rem; }
label.inline { flex-direction: row; align-items: center; gap: .4rem; }
input, select, textarea, button { font: inherit; color: var(--fg); background: var(--bg); border: 1px solid var(--line);
  border-radius: 4px; padding: .25rem .45rem; }
button { cursor: pointer; background: var(--panel); }
button:disabled { opacity: .5; cursor: not-allowed; }
button.link { border: 0; background: none; padding: 0; text-align: left; text-decoration: underline; }
:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 .8rem; font-size: .85rem; }
caption { text-align: left; color: var(--muted); padding: .2rem 0; }
th, td { border-bottom: 1px solid var(--line); padding: .2rem .45rem; text-align: left; vertical-align: top; }
td.state { font-weight: 600; }
.scroll { max-height: 26rem; overflow: auto; }
pre.body { background: var(--panel); padding: .5rem; border-radius: 4px; overflow: auto; max-height: 20rem; }
.muted { color: var(--muted); }
.good { color: var(--good); } .bad, #status.error { color: var(--bad); font-weight: 600; }
#status { margin: .3rem 1.2rem 0; min-height: 1.2em; }
.row { display: flex; gap: .6rem; align-items: center; flex-wrap: wrap; }
`;

export const DASHBOARD_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>campaign-sim dashboard</title>
<link rel="icon" href="data:,">
<style>${STYLE}</style>
</head>
<body>
<header>
  <h1>campaign-sim</h1>
  <a href="/__admin/health">health</a>
  <a href="/__admin/vendors">vendors and OpenAPI documents</a>
  <span id="updated" class="muted" aria-live="off"></span>
</header>
<p id="status" role="status" aria-live="polite"></p>
<div class="layout">
  <nav aria-label="Sandboxes">
    <h2>Sandboxes</h2>
    <ul id="sandbox-list"></ul>
    <section class="card" aria-labelledby="create-title">
      <h2 id="create-title">New sandbox</h2>
      <form id="create-form" class="stack">
        <label>Id (optional) <input name="id" pattern="[A-Za-z0-9][A-Za-z0-9_\\-]{0,63}" autocomplete="off"></label>
        <label>Seed (optional) <input name="seed" type="number" min="0" step="1"></label>
        <label>Clock starts at (optional, ISO) <input name="now" placeholder="2021-11-03T05:00:00Z"></label>
        <label class="inline"><input name="frozen" type="checkbox"> Frozen clock</label>
        <label>Vendor options (optional JSON) <textarea name="options" rows="3" placeholder='{"symbee": {"recordsPerCampaign": 20}}'></textarea></label>
        <button type="submit">Create sandbox</button>
      </form>
    </section>
    <section class="card" aria-labelledby="jobs-title">
      <h2 id="jobs-title">Admin jobs</h2>
      <div id="jobs"></div>
    </section>
  </nav>
  <main>
    <div class="row">
      <h2 id="sandbox-title">Sandbox</h2>
      <button id="reset" type="button">Reset sandbox</button>
      <button id="delete" type="button">Delete sandbox</button>
    </div>
    <div id="sandbox">
      <section class="card" aria-labelledby="clock-title">
        <h2 id="clock-title">Virtual clock</h2>
        <p>Now: <strong id="clock-now"></strong> (<span id="clock-state"></span>)</p>
        <form id="clock-form">
          <label>Advance by <input name="amount" type="number" min="0" step="any" value="30" required></label>
          <label>Unit <select name="unit">
            <option value="1000">seconds</option><option value="60000" selected>minutes</option>
            <option value="3600000">hours</option><option value="86400000">days</option>
          </select></label>
          <button type="submit">Advance clock</button>
          <button id="freeze" type="button">Freeze</button>
        </form>
      </section>
      <section class="card" aria-labelledby="journal-title">
        <h2 id="journal-title">Request journal</h2>
        <form id="journal-filter" role="search" aria-label="Filter the journal">
          <label>Vendor <select id="filter-vendor"><option value="">any</option></select></label>
          <label>Operation <input id="filter-operation" autocomplete="off"></label>
          <label>Status <input id="filter-status" placeholder="404 or 4xx" size="8" autocomplete="off"></label>
          <label>Path contains <input id="filter-path" autocomplete="off"></label>
          <label><input id="filter-unmatched" type="checkbox"> Only unmatched</label>
          <button id="clear-journal" type="button">Clear journal</button>
        </form>
        <div id="journal" class="scroll"></div>
        <div id="entry" aria-live="polite"></div>
      </section>
      <section class="card" aria-labelledby="faults-title">
        <h2 id="faults-title">Fault rules</h2>
        <form id="fault-form" aria-label="Add a fault rule">
          <label>Vendor <select id="fault-vendor" name="vendor"><option value="">any</option></select></label>
          <label>Method <select name="method"><option value="">any</option><option>GET</option><option>POST</option>
            <option>PUT</option><option>PATCH</option><option>DELETE</option></select></label>
          <label>Path (substring or /regex/) <input name="path" autocomplete="off"></label>
          <label>Action <select name="type"><option value="status">status</option><option value="latency">latency</option>
            <option value="drop">drop connection</option><option value="rateLimit">rate limit (per second)</option></select></label>
          <label>Status <input name="status" type="number" min="100" max="599" value="503"></label>
          <label>Latency ms <input name="ms" type="number" min="0" max="120000" value="1000"></label>
          <label>Rate limit <input name="limit" type="number" min="0" value="1"></label>
          <label>Times (empty = always) <input name="times" type="number" min="1"></label>
          <label>Probability <input name="probability" type="number" min="0" max="1" step="0.01"></label>
          <button type="submit">Add fault</button>
          <button id="clear-faults" type="button">Clear faults</button>
        </form>
        <div id="faults"></div>
      </section>
      <section class="card" aria-labelledby="entities-title">
        <h2 id="entities-title">Entities and lifecycle state</h2>
        <div id="entities" class="scroll"></div>
      </section>
      <section class="card" aria-labelledby="vendors-title">
        <h2 id="vendors-title">Vendors: credentials and OpenAPI</h2>
        <div id="vendors"></div>
      </section>
    </div>
  </main>
</div>
<script src="/__admin/ui/app.js" defer></script>
</body>
</html>
`;

// The page of each scratch app: runs the checks against the API URL given as `?api=` and writes
// the results, as JSON, into <pre id="results" data-done>, where the test reads them back.
import { runChecks } from './checks.js';

const out = document.getElementById('results');
const api = new URLSearchParams(location.search).get('api');
runChecks(api)
  .then((results) => JSON.stringify(results))
  .catch((error) => JSON.stringify({ page: `${error?.name}: ${error?.message}` }))
  .then((text) => {
    out.textContent = text;
    out.dataset.done = 'true';
  });

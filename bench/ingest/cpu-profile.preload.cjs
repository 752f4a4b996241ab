// Loaded with --require into ingest when the bench profiles it: records a CPU profile from
// start to SIGTERM and writes it before the service's own shutdown runs. (`node --cpu-prof`
// writes nothing when a process ends by a signal, as Nest's shutdown hooks make it.)
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const inspector = require('node:inspector');

const out = process.env.BENCH_CPU_PROFILE;
if (out) {
  const session = new inspector.Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 1000 });
  session.post('Profiler.start');
  process.prependOnceListener('SIGTERM', () => {
    session.post('Profiler.stop', (error, result) => {
      if (!error) {
        fs.mkdirSync(path.dirname(out), { recursive: true });
        fs.writeFileSync(out, JSON.stringify(result.profile));
      }
    });
  });
}

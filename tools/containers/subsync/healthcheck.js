// The image's HEALTHCHECK. It reads which program the container runs from /proc/1/cmdline: the
// gateway (alone or under `all`) must answer GET /health with 200; a worker must answer GET
// /health/ready on its own port (<SERVICE>_HTTP_PORT) with 200, that is: its database answers,
// its consumer has joined its group and its outbox relay runs; a sandbox must accept connections
// on its port.
'use strict';
const { readFileSync } = require('node:fs');
const net = require('node:net');

const cmdline = readFileSync('/proc/1/cmdline', 'utf8');
const env = process.env;

function fail(reason) {
  console.error(reason);
  process.exit(1);
}

/** A worker's health port when <SERVICE>_HTTP_PORT is unset (libs/platform/config ops-http-config). */
const WORKER_PORTS = { 'zuora-sync': 3001, 'stripe-sync': 3002, 'hot-sync': 3003 };

async function ready(url) {
  const response = await fetch(url, { signal: AbortSignal.timeout(4000) });
  if (response.status !== 200)
    fail(`GET ${url} answered ${response.status}: ${await response.text()}`);
}

function reach(host, port) {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port: Number(port), timeout: 3000 });
    socket.once('connect', () => {
      socket.end();
      resolve();
    });
    socket.once('timeout', () => socket.destroy(new Error(`${host}:${port} timed out`)));
    socket.once('error', reject);
  });
}

async function main() {
  const worker = /apps\/((?:zuora|stripe|hot)-sync)\//.exec(cmdline);
  if (/apps\/gateway\/|tools\/dev\/src\/main\.js/.test(cmdline)) {
    await ready(`http://127.0.0.1:${env.GATEWAY_PORT || 3000}/health`);
  } else if (/apps\/(zuora|stripe)-sandbox\//.test(cmdline)) {
    const zuora = cmdline.includes('zuora-sandbox');
    await reach(
      '127.0.0.1',
      zuora ? env.ZUORA_SANDBOX_PORT || 4010 : env.STRIPE_SANDBOX_PORT || 12111,
    );
  } else if (worker) {
    const service = worker[1];
    const port =
      env[`${service.toUpperCase().replace('-', '_')}_HTTP_PORT`] || WORKER_PORTS[service];
    await ready(`http://127.0.0.1:${port}/health/ready`);
  }
}

main().catch((error) => fail(error instanceof Error ? error.message : String(error)));

// The image's HEALTHCHECK. It reads which program the container runs from /proc/1/cmdline: the
// gateway (alone or under `all`) must answer GET /health with 200; a worker must reach PostgreSQL
// and its first Kafka broker; a sandbox must accept connections on its port.
'use strict';
const { readFileSync } = require('node:fs');
const net = require('node:net');

const cmdline = readFileSync('/proc/1/cmdline', 'utf8');
const env = process.env;

function fail(reason) {
  console.error(reason);
  process.exit(1);
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
  if (/apps\/gateway\/|tools\/dev\/src\/main\.js/.test(cmdline)) {
    const response = await fetch(`http://127.0.0.1:${env.GATEWAY_PORT || 3000}/health`);
    if (response.status !== 200) fail(`GET /health answered ${response.status}`);
  } else if (/apps\/(zuora|stripe)-sandbox\//.test(cmdline)) {
    const zuora = cmdline.includes('zuora-sandbox');
    await reach('127.0.0.1', zuora ? env.ZUORA_SANDBOX_PORT || 4010 : env.STRIPE_SANDBOX_PORT || 12111);
  } else if (/apps\/[a-z-]+-sync\//.test(cmdline)) {
    const database = new URL(env.DATABASE_URL);
    const [host, port] = env.KAFKA_BROKERS.split(',')[0].trim().split(':');
    await reach(database.hostname, database.port || 5432);
    await reach(host, port);
  }
}

main().catch((error) => fail(error instanceof Error ? error.message : String(error)));

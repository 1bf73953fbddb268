import { readTopics } from '@wapipe/testing';
import { readFileSync, writeFileSync } from 'node:fs';
const info = JSON.parse(readFileSync(process.env.ATK_INFO ?? '/tmp/attack/info.json', 'utf8'));
const names = (process.argv[2] ?? 'webhooks,dlq,inboundMessages,messageStatuses,accountEvents,mediaRequests,mediaStored,messages,statuses,events').split(',');
const topics = names.map((n) => info.topics[n]);
let last = -1, stable = 0;
const recs = await readTopics({ brokers: ['127.0.0.1:19092'], topics, timeoutMs: Number(process.argv[3] ?? 8000),
  until: (r) => { if (r.length === last) stable++; else { stable = 0; last = r.length; } return stable > 25; } });
writeFileSync(process.argv[4] ?? '/tmp/attack/records.json', JSON.stringify(recs));
const by: Record<string, number> = {};
for (const r of recs) by[r.topic] = (by[r.topic] ?? 0) + 1;
console.log(JSON.stringify(by));

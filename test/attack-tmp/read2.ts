import { readTopics } from '@wapipe/testing';
import { writeFileSync } from 'node:fs';
import { topicNames } from '@wapipe/contracts';
// usage: read2.ts <prefix> <topicKeys,comma> <timeoutMs> <outfile>
const t = topicNames(process.argv[2]!) as Record<string, string>;
const names = (process.argv[3] ?? 'webhooks,dlq,inboundMessages,messageStatuses,accountEvents,mediaRequests,messages,statuses,events').split(',');
let last = -1, stable = 0;
const recs = await readTopics({ brokers: ['127.0.0.1:19092'], topics: names.map((n) => t[n]!), timeoutMs: Number(process.argv[4] ?? 8000),
  until: (r) => { if (r.length === last) stable++; else { stable = 0; last = r.length; } return stable > 25; } });
writeFileSync(process.argv[5] ?? '/tmp/attack/records.json', JSON.stringify(recs));
const by: Record<string, number> = {};
for (const r of recs) by[r.topic.slice(process.argv[2]!.length)] = (by[r.topic.slice(process.argv[2]!.length)] ?? 0) + 1;
console.log(JSON.stringify(by));

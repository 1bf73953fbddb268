import { Kafka, logLevel } from 'kafkajs';
import type { Admin } from 'kafkajs';
import type { TopicNames } from '@wapipe/contracts';
import type { RunningPipeline } from '../pipeline/start-pipeline.ts';

interface GroupInput {
  groupId: string;
  topics: string[];
}

/**
 * Whether every consuming stage has committed up to the end of its
 * input topics. The stages commit only after their outputs are
 * acknowledged, so "idle" means nothing is still on its way: a case that
 * expects something *not* to happen is judged after the work is done,
 * not merely before it started.
 */
export class PipelineIdleProbe {
  private readonly admin: Admin;
  private readonly inputs: GroupInput[];

  constructor(brokers: string[], pipeline: RunningPipeline) {
    this.admin = new Kafka({
      clientId: 'wapipe-case-runner-idle',
      brokers,
      logLevel: logLevel.NOTHING,
    }).admin();
    this.inputs = stageInputs(pipeline.topics, pipeline.groups);
  }

  connect(): Promise<void> {
    return this.admin.connect();
  }

  disconnect(): Promise<void> {
    return this.admin.disconnect();
  }

  async isIdle(): Promise<boolean> {
    for (const input of this.inputs) {
      if (!(await this.caughtUp(input))) return false;
    }
    return true;
  }

  private async caughtUp({ groupId, topics }: GroupInput): Promise<boolean> {
    const committed = await this.admin.fetchOffsets({ groupId, topics });
    for (const topic of topics) {
      const ends = await this.admin.fetchTopicOffsets(topic);
      const done = committed.find((c) => c.topic === topic)?.partitions ?? [];
      for (const end of ends) {
        const at = done.find((p) => p.partition === end.partition)?.offset;
        // -1: nothing committed yet, which is caught up only on an empty log.
        if (BigInt(at ?? '-1') < BigInt(end.high) && end.high !== end.low) {
          return false;
        }
      }
    }
    return true;
  }
}

function stageInputs(
  topics: TopicNames,
  groups: RunningPipeline['groups'],
): GroupInput[] {
  return [
    { groupId: groups.fanout, topics: [topics.webhooks] },
    {
      groupId: groups.processor,
      topics: [topics.messages, topics.statuses, topics.events],
    },
    { groupId: groups.mediaFetcher, topics: [topics.mediaRequests] },
  ];
}

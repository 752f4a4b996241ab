import fs from 'node:fs';
import path from 'node:path';
import { Parser } from '@asyncapi/parser';
import { allTopics } from '../topics/topics';
import { buildAsyncApiDocument } from './build-asyncapi';

describe('buildAsyncApiDocument', () => {
  it('is a valid AsyncAPI 3 document describing every topic', async () => {
    const document = buildAsyncApiDocument('1.0.0');
    const { document: parsed, diagnostics } = await new Parser().parse(JSON.stringify(document));
    const errors = diagnostics.filter((d) => d.severity === 0);
    expect(errors).toEqual([]);
    expect(parsed?.channels().all().map((c) => c.address()).sort()).toEqual(allTopics.map((t) => t.name).sort());
  });

  it('carries each topic schema as JSON Schema', () => {
    const document = buildAsyncApiDocument('1.0.0') as unknown as {
      components: { messages: Record<string, { payload: { required?: string[]; anyOf?: unknown[] } }> };
    };
    const resolved = document.components.messages['tp_events_resolved_v1'].payload;
    expect(resolved.required).toEqual(expect.arrayContaining(['profileId', 'identifiers', 'event']));
  });

  it('declares the configs a topic is created with, e.g. the compacted state topic', () => {
    const document = buildAsyncApiDocument('1.0.0') as unknown as { channels: Record<string, { bindings?: { kafka: { topicConfiguration: Record<string, unknown> } } }> };
    expect(document.channels['tp_recommendations_state_v1'].bindings?.kafka.topicConfiguration).toEqual({ 'cleanup.policy': ['compact'] });
    expect(document.channels['tp_recommendations_v2'].bindings?.kafka.topicConfiguration['cleanup.policy']).toEqual(['delete']);
  });

  it('is what docs/asyncapi.json holds (npm run contracts:asyncapi writes it)', () => {
    const root = path.resolve(__dirname, '../../../..');
    const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
    const committed = JSON.parse(fs.readFileSync(path.join(root, 'docs', 'asyncapi.json'), 'utf8')) as unknown;
    expect(committed).toEqual(JSON.parse(JSON.stringify(buildAsyncApiDocument(version))));
  });
});

import { synthPropDesk } from './test/infra/synth.ts';
const t0 = Date.now();
const s = synthPropDesk({ region: 'ap-east-1', account: '123456789012' }, { 'aws:cdk:bundling-stacks': ['**'] });
console.log('built', Date.now() - t0);
s.app.synth();
console.log('synth', Date.now() - t0, s.outdir);
s.dispose();

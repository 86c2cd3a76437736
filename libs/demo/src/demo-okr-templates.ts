import { MetricType } from '@okr/domain';
import { Area } from './demo-names';
import { Random } from './random';

/** A realistic key result: its title, how it is measured, and plausible start and target values. */
export interface KeyResultTemplate {
  title: string;
  type: MetricType;
  unit: string | null;
  /** Values are rounded to multiples of this (1 for counts, 0.1 for percentages…). */
  step: number;
  /** Where a measured value can plausibly lie (a percentage stays in 0..100). */
  min: number;
  max: number;
  values(random: Random): { start: number; target: number };
}

export function roundTo(value: number, step: number): number {
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  return Number((Math.round(value / step) * step).toFixed(decimals));
}

type Bounds = { min?: number; max?: number };

function template(
  title: string,
  type: MetricType,
  unit: string | null,
  step: number,
  bounds: Bounds,
  values: (r: Random) => { start: number; target: number },
): KeyResultTemplate {
  const min = bounds.min ?? 0;
  const max = bounds.max ?? Number.MAX_SAFE_INTEGER;
  const clamp = (v: number) => Math.min(max, Math.max(min, roundTo(v, step)));
  return {
    title,
    type,
    unit,
    step,
    min,
    max,
    values(r) {
      const raw = values(r);
      const start = clamp(raw.start);
      let target = clamp(raw.target);
      // increase needs target > start, decrease target < start; the others want a visible gap too.
      if (target === start) target = type === 'decrease' || type === 'atMost' ? start - step : start + step;
      return { start, target };
    },
  };
}

/** increase: start in [lo, hi], target = start × (1 + gain). */
const grow = (
  title: string,
  unit: string | null,
  lo: number,
  hi: number,
  gainLo: number,
  gainHi: number,
  step: number,
  bounds: Bounds = {},
) =>
  template(title, 'increase', unit, step, bounds, (r) => {
    const start = r.between(lo, hi);
    return { start, target: start * (1 + r.between(gainLo, gainHi)) };
  });

/** increase: start in [lo, hi], target = start + add. */
const raise = (
  title: string,
  unit: string | null,
  lo: number,
  hi: number,
  addLo: number,
  addHi: number,
  step: number,
  bounds: Bounds = {},
) =>
  template(title, 'increase', unit, step, bounds, (r) => {
    const start = r.between(lo, hi);
    return { start, target: start + r.between(addLo, addHi) };
  });

/** decrease: start in [lo, hi], target = start × (1 − cut). */
const cut = (title: string, unit: string | null, lo: number, hi: number, cutLo: number, cutHi: number, step: number, bounds: Bounds = {}) =>
  template(title, 'decrease', unit, step, bounds, (r) => {
    const start = r.between(lo, hi);
    return { start, target: start * (1 - r.between(cutLo, cutHi)) };
  });

/** atLeast / atMost: a threshold in [lo, hi]; the start sits `offset` (a fraction of the threshold, ±) from it. */
const floor = (
  title: string,
  unit: string | null,
  lo: number,
  hi: number,
  offLo: number,
  offHi: number,
  step: number,
  bounds: Bounds = {},
) =>
  template(title, 'atLeast', unit, step, bounds, (r) => {
    const target = r.between(lo, hi);
    return { target, start: target * (1 + r.between(offLo, offHi)) };
  });
const ceiling = (
  title: string,
  unit: string | null,
  lo: number,
  hi: number,
  offLo: number,
  offHi: number,
  step: number,
  bounds: Bounds = {},
) =>
  template(title, 'atMost', unit, step, bounds, (r) => {
    const target = r.between(lo, hi);
    return { target, start: target * (1 + r.between(offLo, offHi)) };
  });

const milestone = (title: string) => template(title, 'milestone', null, 1, { min: 0, max: 1 }, () => ({ start: 0, target: 1 }));

const PERCENT = { min: 0, max: 100 };

export interface AreaTemplates {
  objectives: readonly string[];
  /** Objectives one person owns; `{topic}` is filled from topics. */
  personal: readonly string[];
  topics: readonly string[];
  keyResults: readonly KeyResultTemplate[];
  initiatives: readonly string[];
}

export const COMPANY_OBJECTIVES: readonly string[] = [
  'Become the obvious choice for mid-market teams',
  'Build a profitable, efficient business',
  'Delight our customers at every touchpoint',
  'Scale the company without losing our speed',
  'Expand into the DACH market',
  'Earn enterprise-grade trust',
  'Make our platform the fastest in the category',
];

export const COMPANY_KEY_RESULTS: readonly KeyResultTemplate[] = [
  grow('Grow annual recurring revenue', '€', 8_000_000, 20_000_000, 0.08, 0.2, 10_000),
  raise('Raise company-wide NPS', 'NPS', 18, 40, 6, 15, 1, { min: -100, max: 100 }),
  cut('Reduce gross revenue churn', '%', 2.5, 5, 0.2, 0.4, 0.1, PERCENT),
  floor('Keep gross margin at or above target', '%', 68, 78, -0.06, 0.02, 0.1, PERCENT),
  ceiling('Keep monthly net burn under budget', '€', 350_000, 900_000, -0.05, 0.25, 1_000),
  milestone('Close the Series C round'),
  milestone('Open the Berlin office'),
  grow('Grow paying customers', 'customers', 900, 4_000, 0.1, 0.25, 1),
  raise('Raise employee engagement score', 'points', 68, 78, 3, 8, 1, PERCENT),
  milestone('Pass the ISO 27001 certification audit'),
];

export const AREAS: Record<Area, AreaTemplates> = {
  engineering: {
    objectives: [
      'Make deployments boring',
      'Build a platform that scales to 10× traffic',
      'Ship the new billing engine',
      'Cut the cost of running our infrastructure',
      'Make the product feel instant',
      'Raise the bar on reliability',
      'Pay down the riskiest technical debt',
    ],
    personal: ['Lead {topic}', 'Own {topic} end to end', 'Become the go-to engineer for {topic}', 'Mentor the team through {topic}'],
    topics: [
      'the billing migration',
      'on-call health',
      'the mobile release train',
      'our observability stack',
      'the Postgres upgrade',
      'API versioning',
      'the search rewrite',
    ],
    keyResults: [
      cut('Cut p95 API latency', 'ms', 450, 1_200, 0.3, 0.55, 5),
      cut('Reduce mean time to recovery', 'minutes', 45, 180, 0.3, 0.6, 1),
      grow('Increase deployments per week', 'deploys', 8, 40, 0.5, 1.5, 1),
      raise('Raise automated test coverage', '%', 48, 70, 8, 18, 0.1, PERCENT),
      floor('Keep API uptime at or above 99.9 %', '%', 99.9, 99.9, -0.003, 0.0005, 0.01, PERCENT),
      ceiling('Keep the error rate at most 0.5 %', '%', 0.3, 0.8, 0.2, 1.2, 0.01, PERCENT),
      ceiling('Keep open critical bugs at most', 'bugs', 3, 8, 0.5, 2, 1),
      cut('Reduce monthly cloud spend', '€', 90_000, 260_000, 0.1, 0.25, 100),
      milestone('Migrate billing to the new platform'),
      milestone('Roll out canary deployments to every service'),
      cut('Cut CI pipeline duration', 'minutes', 18, 45, 0.3, 0.6, 1),
    ],
    initiatives: [
      'Migrate to managed Postgres',
      'Introduce canary deployments',
      'Adopt OpenTelemetry tracing',
      'Rewrite the search indexer',
      'Split the monolith billing module',
      'Add a read replica for reporting',
      'Parallelise the CI test suite',
      'Right-size Kubernetes node pools',
      'Error budget policy for every service',
      'Chaos game day each month',
    ],
  },
  product: {
    objectives: [
      'Make onboarding effortless',
      'Turn trial users into fans',
      'Launch collaboration for teams',
      'Make pricing simple and fair',
      'Build the insights our customers ask for',
      'Make the product accessible to everyone',
    ],
    personal: ['Drive discovery for {topic}', 'Own the roadmap for {topic}', 'Run the research programme on {topic}'],
    topics: ['team workspaces', 'the new pricing page', 'mobile onboarding', 'self-serve reporting', 'accessibility'],
    keyResults: [
      raise('Increase activation rate', '%', 18, 35, 6, 15, 0.1, PERCENT),
      raise('Increase trial-to-paid conversion', '%', 8, 16, 2, 6, 0.1, PERCENT),
      grow('Grow weekly active users', 'users', 8_000, 60_000, 0.15, 0.5, 100),
      cut('Reduce time to first value', 'minutes', 25, 90, 0.3, 0.6, 1),
      raise('Raise product NPS', 'NPS', 15, 40, 8, 20, 1, { min: -100, max: 100 }),
      floor('Keep feature adoption of the new editor at least', '%', 40, 60, -0.3, 0.05, 0.1, PERCENT),
      ceiling('Keep onboarding drop-off at most', '%', 25, 40, 0.1, 0.5, 0.1, PERCENT),
      milestone('Launch team workspaces to all customers'),
      milestone('Ship the redesigned pricing page'),
      raise('Run customer interviews', 'interviews', 0, 5, 20, 40, 1),
    ],
    initiatives: [
      'Redesign the signup flow',
      'Interactive product tour',
      'Usage-based pricing experiment',
      'Weekly customer interview programme',
      'In-app checklist for new workspaces',
      'Accessibility audit and fixes',
      'Template gallery',
      'Empty states that teach',
    ],
  },
  sales: {
    objectives: [
      'Win the mid-market',
      'Build a predictable pipeline',
      'Land our first ten enterprise logos in the region',
      'Grow revenue through partners',
      'Shorten the sales cycle',
    ],
    personal: ['Build the playbook for {topic}', 'Open up {topic}', 'Coach the team on {topic}'],
    topics: ['enterprise discovery calls', 'the retail vertical', 'partner-sourced deals', 'multi-year contracts'],
    keyResults: [
      grow('Close new ARR', '€', 400_000, 1_500_000, 0.15, 0.4, 1_000),
      grow('Grow qualified pipeline', '€', 2_000_000, 6_000_000, 0.2, 0.5, 10_000),
      raise('Raise win rate on qualified deals', '%', 18, 28, 4, 9, 0.1, PERCENT),
      cut('Shorten the average sales cycle', 'days', 45, 110, 0.15, 0.3, 1),
      raise('Sign new enterprise logos', 'deals', 0, 3, 6, 12, 1),
      floor('Keep pipeline coverage at least', 'x', 3, 3.5, -0.2, 0.1, 0.1),
      ceiling('Keep the average discount at most', '%', 12, 18, 0.05, 0.4, 0.1, PERCENT),
      milestone('Sign the reseller agreement with our first partner'),
      milestone('Roll out the new CRM deal stages'),
    ],
    initiatives: [
      'Mutual action plans for every deal over €50k',
      'Partner enablement bootcamp',
      'Outbound sequence for the retail vertical',
      'Deal desk for non-standard terms',
      'ROI calculator for prospects',
      'Win/loss interview programme',
    ],
  },
  marketing: {
    objectives: [
      'Become known as the experts in our category',
      'Fill the funnel with the right leads',
      'Launch the spring release with a bang',
      'Turn customers into advocates',
    ],
    personal: ['Own the campaign for {topic}', 'Build our voice on {topic}', 'Grow the audience for {topic}'],
    topics: ['the spring release', 'our podcast', 'the developer newsletter', 'the annual conference', 'customer stories'],
    keyResults: [
      grow('Grow marketing-qualified leads', 'leads', 600, 2_500, 0.2, 0.5, 10),
      grow('Grow organic traffic', 'visits', 40_000, 180_000, 0.15, 0.4, 100),
      cut('Reduce cost per lead', '€', 80, 220, 0.15, 0.3, 1),
      raise('Raise newsletter open rate', '%', 22, 34, 4, 9, 0.1, PERCENT),
      floor('Keep share of voice at least', '%', 15, 25, -0.2, 0.1, 0.1, PERCENT),
      ceiling('Keep campaign spend at most', '€', 120_000, 300_000, -0.2, 0.1, 1_000),
      milestone('Launch the rebrand'),
      milestone('Host the first customer conference'),
      raise('Publish customer case studies', 'stories', 0, 3, 6, 12, 1),
    ],
    initiatives: [
      'Rebuild the website on the new CMS',
      'Quarterly webinar series',
      'Customer advocacy programme',
      'SEO content clusters',
      'Paid social experiments',
      'Launch video for the spring release',
    ],
  },
  customer: {
    objectives: [
      'Make support a reason customers stay',
      'Get every new customer live in two weeks',
      'Grow accounts we already have',
      'Help customers help themselves',
    ],
    personal: ['Own the escalation process for {topic}', 'Build the programme for {topic}', 'Lead the renewal plan for {topic}'],
    topics: ['strategic accounts', 'the help centre', 'onboarding cohorts', 'premium support'],
    keyResults: [
      cut('Reduce median first response time', 'minutes', 60, 240, 0.3, 0.6, 1),
      cut('Reduce the support ticket backlog', 'tickets', 300, 1_200, 0.3, 0.6, 1),
      raise('Raise customer satisfaction (CSAT)', 'points', 4.0, 4.4, 0.2, 0.5, 0.01, { min: 1, max: 5 }),
      raise('Raise net revenue retention', '%', 98, 108, 3, 8, 0.1, { min: 0, max: 200 }),
      cut('Cut time to go live', 'days', 25, 60, 0.3, 0.5, 1),
      floor('Keep CSAT at or above 4.5', 'points', 4.5, 4.5, -0.06, 0.02, 0.01, { min: 1, max: 5 }),
      ceiling('Keep logo churn at most', '%', 1, 2, 0.1, 0.8, 0.01, PERCENT),
      milestone('Launch the new help centre'),
      milestone('Roll out health scores for every account'),
    ],
    initiatives: [
      'Macros for the top twenty ticket types',
      'Customer health dashboard',
      'Onboarding office hours',
      'Help centre search revamp',
      'Renewal playbook',
      'Proactive outreach on failed payments',
    ],
  },
  people: {
    objectives: [
      'Hire the best people, fast',
      'Make this the best place to grow a career',
      'Build an inclusive company',
      'Onboard new joiners brilliantly',
    ],
    personal: ['Lead {topic}', 'Redesign {topic}', 'Own {topic}'],
    topics: ['the engineering hiring plan', 'the career framework', 'manager training', 'the onboarding week'],
    keyResults: [
      raise('Hire engineers', 'hires', 0, 3, 8, 20, 1),
      cut('Cut time to hire', 'days', 40, 70, 0.15, 0.35, 1),
      raise('Raise the offer acceptance rate', '%', 70, 82, 5, 12, 0.1, PERCENT),
      raise('Raise engagement survey participation', '%', 60, 75, 10, 20, 0.1, PERCENT),
      floor('Keep employee NPS at least', 'eNPS', 20, 35, -0.3, 0.1, 1, { min: -100, max: 100 }),
      ceiling('Keep regretted attrition at most', '%', 3, 6, 0.1, 0.6, 0.1, PERCENT),
      milestone('Publish the career framework'),
      milestone('Launch the manager training programme'),
    ],
    initiatives: [
      'Structured interview training',
      'Referral bonus refresh',
      'Career ladder workshops',
      'Buddy programme for new joiners',
      'Quarterly engagement pulse',
    ],
  },
  finance: {
    objectives: [
      'Close the books faster and cleaner',
      'Give every team a budget they trust',
      'Make our unit economics best in class',
      'Get audit-ready',
    ],
    personal: ['Own {topic}', 'Automate {topic}', 'Lead {topic}'],
    topics: ['the month-end close', 'the FY budget', 'revenue recognition', 'the audit'],
    keyResults: [
      cut('Shorten the month-end close', 'days', 8, 15, 0.3, 0.5, 1),
      cut('Reduce customer acquisition cost', '€', 3_000, 9_000, 0.1, 0.25, 10),
      raise('Raise the share of automated reconciliations', '%', 30, 55, 15, 30, 0.1, PERCENT),
      ceiling('Keep days sales outstanding at most', 'days', 35, 50, 0.05, 0.3, 1),
      floor('Keep forecast accuracy at least', '%', 90, 95, -0.06, 0.01, 0.1, PERCENT),
      milestone('Complete the annual audit with no findings'),
      milestone('Roll out spend management to every team'),
    ],
    initiatives: [
      'Automate bank reconciliations',
      'Rolling forecast model',
      'Procure-to-pay tool rollout',
      'Revenue recognition clean-up',
      'Budget owner training',
    ],
  },
  operations: {
    objectives: ['Run the business on reliable systems', 'Make every vendor pay its way', 'Give everyone the tools they need from day one'],
    personal: ['Own {topic}', 'Modernise {topic}', 'Lead {topic}'],
    topics: ['laptop provisioning', 'vendor reviews', 'contract management', 'the office move'],
    keyResults: [
      cut('Cut laptop provisioning time', 'hours', 24, 72, 0.4, 0.7, 1),
      cut('Reduce SaaS spend', '€', 40_000, 120_000, 0.1, 0.25, 100),
      raise('Raise internal tooling satisfaction', 'points', 3.2, 3.8, 0.3, 0.8, 0.01, { min: 1, max: 5 }),
      ceiling('Keep contract turnaround at most', 'days', 5, 10, 0.1, 0.8, 1),
      floor('Keep vendor SLAs met at least', '%', 95, 98, -0.04, 0.01, 0.1, PERCENT),
      milestone('Move to the new office'),
      milestone('Sign the new data processing agreements'),
    ],
    initiatives: [
      'Zero-touch laptop enrolment',
      'Vendor renewal calendar',
      'Contract template library',
      'Office move plan',
      'Single sign-on for every tool',
    ],
  },
  data: {
    objectives: ['Make data a product', 'Give every team trustworthy metrics', 'Put machine learning into production'],
    personal: ['Own {topic}', 'Build {topic}', 'Lead {topic}'],
    topics: ['the metrics layer', 'the churn model', 'data quality checks', 'the warehouse migration'],
    keyResults: [
      raise('Raise dashboard adoption', '%', 30, 50, 10, 25, 0.1, PERCENT),
      cut('Cut data pipeline failures per week', 'failures', 10, 30, 0.4, 0.7, 1),
      cut('Reduce dashboard load time', 'ms', 2_500, 8_000, 0.4, 0.7, 10),
      floor('Keep data freshness SLA met at least', '%', 95, 99, -0.05, 0.01, 0.1, PERCENT),
      ceiling('Keep warehouse cost at most', '€', 15_000, 40_000, -0.1, 0.2, 100),
      milestone('Ship the churn prediction model'),
      milestone('Migrate the warehouse to the new platform'),
    ],
    initiatives: [
      'Metrics layer with dbt',
      'Data quality tests on core tables',
      'Churn model v1',
      'Self-serve BI training',
      'Warehouse cost dashboard',
    ],
  },
  security: {
    objectives: ['Earn the trust of our largest customers', 'Find vulnerabilities before anyone else does', 'Make secure the default'],
    personal: ['Lead {topic}', 'Own {topic}', 'Run {topic}'],
    topics: ['the SOC 2 audit', 'the bug bounty programme', 'secrets management', 'phishing drills'],
    keyResults: [
      cut('Cut mean time to patch critical vulnerabilities', 'days', 10, 30, 0.4, 0.7, 1),
      raise('Raise phishing simulation pass rate', '%', 70, 85, 5, 12, 0.1, PERCENT),
      floor('Keep MFA coverage at 100 %', '%', 100, 100, -0.08, -0.01, 0.1, PERCENT),
      ceiling('Keep open high-severity findings at most', 'findings', 2, 6, 0.5, 2, 1),
      cut('Reduce security questionnaire turnaround', 'days', 7, 15, 0.3, 0.6, 1),
      milestone('Receive the SOC 2 Type II report'),
      milestone('Launch the public bug bounty'),
    ],
    initiatives: [
      'Secrets vault rollout',
      'Dependency scanning in CI',
      'Quarterly phishing drills',
      'Security champions programme',
      'Trust centre page',
    ],
  },
};

/** Initiatives nobody linked to a key result yet (ideas, chores, side projects). */
export const ORPHAN_INITIATIVES: readonly string[] = [
  'Clean up the shared drive',
  'Evaluate a new design tool',
  'Hackathon week',
  'Refresh the team wiki',
  'Offsite planning',
  'Try pair programming Fridays',
  'Replace the meeting-room booking system',
];

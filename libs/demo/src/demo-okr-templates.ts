import { MetricType } from '@okr/domain';
import { Area } from './demo-names';
import { Random } from './random';

/**
 * A realistic key result: its title as a sentence, how it is measured, and plausible start and target values. The
 * title's `{start}` and `{target}` are filled with the values as people write them ("from 900 ms to 400 ms", "€1.2M",
 * "99.9 %"), `{s}` with the subject of its objective (a product surface, an audience, a process…).
 */
export interface KeyResultTemplate {
  pattern: string;
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
  const decimals = decimalsOf(step);
  return Number((Math.round(value / step) * step).toFixed(decimals));
}

function decimalsOf(step: number): number {
  return Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
}

/** Units written after the number in a title; any other unit (customers, deals, NPS…) is named by the sentence itself. */
const SPOKEN_UNITS = new Set(['%', 'ms', 'minutes', 'hours', 'days']);
const numberFormats = new Map<number, Intl.NumberFormat>();

function plainNumber(value: number, decimals: number): string {
  let format = numberFormats.get(decimals);
  if (!format) numberFormats.set(decimals, (format = new Intl.NumberFormat('en-GB', { maximumFractionDigits: decimals })));
  return format.format(value);
}

/**
 * A value as a title shows it: "900 ms", "12.5 %", "€1.2M", "€350k", "3.5×", "1,250"; precise enough that two values
 * a step apart read differently, so a moved target always changes the title.
 */
export function formatValue(value: number, unit: string | null, step: number): string {
  const decimals = decimalsOf(step);
  if (unit === '€') {
    const size = Math.abs(value);
    if (size >= 1_000_000) return `€${plainNumber(value / 1_000_000, 3)}M`;
    if (size >= 10_000) return `€${plainNumber(value / 1_000, 1)}k`;
    return `€${plainNumber(value, decimals)}`;
  }
  const number = plainNumber(value, decimals);
  if (unit === 'x') return `${number}×`;
  if (unit === null || !SPOKEN_UNITS.has(unit)) return number;
  return `${number} ${value === 1 && unit.endsWith('s') ? unit.slice(0, -1) : unit}`;
}

/** Fills a template's `{s}` and `{start}`: the title of a key result, but for its `{target}`. */
export function keyResultPattern(template: KeyResultTemplate, subject: string, start: number): string {
  return template.pattern.replace('{s}', subject).replace('{start}', formatValue(start, template.unit, template.step));
}

/** A key result's title for a target: its pattern with `{target}` filled (a milestone's has none). */
export function titleWithTarget(pattern: string, target: number, unit: string | null, step: number): string {
  return pattern.replace('{target}', formatValue(target, unit, step));
}

type Bounds = { min?: number; max?: number };

function template(
  pattern: string,
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
    pattern,
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
  pattern: string,
  unit: string | null,
  lo: number,
  hi: number,
  gainLo: number,
  gainHi: number,
  step: number,
  bounds: Bounds = {},
) =>
  template(pattern, 'increase', unit, step, bounds, (r) => {
    const start = r.between(lo, hi);
    return { start, target: start * (1 + r.between(gainLo, gainHi)) };
  });

/** increase: start in [lo, hi], target = start + add. */
const raise = (
  pattern: string,
  unit: string | null,
  lo: number,
  hi: number,
  addLo: number,
  addHi: number,
  step: number,
  bounds: Bounds = {},
) =>
  template(pattern, 'increase', unit, step, bounds, (r) => {
    const start = r.between(lo, hi);
    return { start, target: start + r.between(addLo, addHi) };
  });

/** decrease: start in [lo, hi], target = start × (1 − cut). */
const cut = (
  pattern: string,
  unit: string | null,
  lo: number,
  hi: number,
  cutLo: number,
  cutHi: number,
  step: number,
  bounds: Bounds = {},
) =>
  template(pattern, 'decrease', unit, step, bounds, (r) => {
    const start = r.between(lo, hi);
    return { start, target: start * (1 - r.between(cutLo, cutHi)) };
  });

/** atLeast / atMost: a threshold in [lo, hi]; the start sits `offset` (a fraction of the threshold, ±) from it. */
const threshold =
  (type: 'atLeast' | 'atMost') =>
  (pattern: string, unit: string | null, lo: number, hi: number, offLo: number, offHi: number, step: number, bounds: Bounds = {}) =>
    template(pattern, type, unit, step, bounds, (r) => {
      const target = r.between(lo, hi);
      return { target, start: target * (1 + r.between(offLo, offHi)) };
    });
const floor = threshold('atLeast');
const ceiling = threshold('atMost');

const milestone = (pattern: string) => template(pattern, 'milestone', null, 1, { min: 0, max: 1 }, () => ({ start: 0, target: 1 }));

const PERCENT = { min: 0, max: 100 };
const SCORE = { min: 1, max: 5 };
const NPS = { min: -100, max: 100 };

export interface AreaTemplates {
  /** Objectives of a department or a squad: `{s}` is one of `subjects`. */
  objectives: readonly string[];
  /** What this area's objectives and key results are about: product surfaces, audiences, processes… */
  subjects: readonly string[];
  /** Objectives of a squad about itself: `{team}` is the squad's name (areas whose squads own something). */
  teamObjectives: readonly string[];
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
  grow('Grow annual recurring revenue from {start} to {target}', '€', 8_000_000, 20_000_000, 0.08, 0.2, 10_000),
  raise('Raise company-wide NPS from {start} to {target}', 'NPS', 18, 40, 6, 15, 1, NPS),
  cut('Reduce gross revenue churn from {start} to {target}', '%', 2.5, 5, 0.2, 0.4, 0.1, PERCENT),
  floor('Keep gross margin at or above {target}', '%', 68, 78, -0.06, 0.02, 0.1, PERCENT),
  ceiling('Keep monthly net burn at or below {target}', '€', 350_000, 900_000, -0.05, 0.25, 1_000),
  milestone('Close the Series C round'),
  milestone('Open the Berlin office'),
  grow('Grow paying customers from {start} to {target}', 'customers', 900, 4_000, 0.1, 0.25, 1),
  raise('Raise the employee engagement score from {start} to {target} points', 'points', 68, 78, 3, 8, 1, PERCENT),
  milestone('Pass the ISO 27001 certification audit'),
];

export const AREAS: Record<Area, AreaTemplates> = {
  engineering: {
    objectives: [
      'Make {s} feel instant',
      'Make releases of {s} boring',
      'Cut the cost of running {s}',
      "Scale {s} to ten times today's traffic",
      'Pay down the riskiest technical debt in {s}',
      'Rebuild {s} on the new platform',
      'Catch problems in {s} before customers do',
      'Halve incidents in {s}',
    ],
    subjects: [
      'checkout',
      'search',
      'the mobile app',
      'the public API',
      'billing',
      'sign-in',
      'notifications',
      'the data pipeline',
      'the partner integrations',
      'the web app',
    ],
    teamObjectives: [
      'Cut onboarding time for {team} customers',
      'Make {team} the most reliable part of the product',
      'Give {team} a release pipeline it can trust',
      'Halve the on-call load of {team}',
    ],
    personal: [
      'Lead {topic}',
      'Own {topic} end to end',
      'Become the go-to engineer for {topic}',
      'Mentor the team through {topic}',
      'Make {topic} a success',
    ],
    topics: [
      'the billing migration',
      'on-call health',
      'the mobile release train',
      'our observability stack',
      'the Postgres upgrade',
      'API versioning',
      'the search rewrite',
      'the move to canary releases',
    ],
    keyResults: [
      cut('Reduce p95 latency of {s} from {start} to {target}', 'ms', 450, 1_200, 0.3, 0.55, 5),
      cut('Reduce mean time to recovery for {s} from {start} to {target}', 'minutes', 45, 180, 0.3, 0.6, 1),
      grow('Increase deployments of {s} from {start} to {target} a week', 'deploys', 8, 40, 0.5, 1.5, 1),
      raise('Raise automated test coverage of {s} from {start} to {target}', '%', 48, 70, 8, 18, 0.1, PERCENT),
      floor('Keep uptime of {s} at or above {target}', '%', 99.9, 99.9, -0.003, 0.0005, 0.01, PERCENT),
      ceiling('Keep the error rate of {s} at or below {target}', '%', 0.3, 0.8, 0.2, 1.2, 0.01, PERCENT),
      ceiling('Keep open critical bugs in {s} at {target} or fewer', 'bugs', 3, 8, 0.5, 2, 1),
      cut('Reduce monthly cloud spend from {start} to {target}', '€', 90_000, 260_000, 0.1, 0.25, 100),
      milestone('Move {s} to the new platform'),
      milestone('Roll out canary releases for {s}'),
      cut('Cut CI pipeline duration from {start} to {target}', 'minutes', 18, 45, 0.3, 0.6, 1),
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
      'Make {s} effortless',
      'Turn {s} into a reason to upgrade',
      'Make {s} accessible to everyone',
      'Double engagement with {s}',
      'Redesign {s} around what customers need',
      'Make {s} self-explanatory',
      'Turn trial users into fans of {s}',
      'Learn what customers need from {s}',
    ],
    subjects: [
      'onboarding',
      'the editor',
      'team workspaces',
      'reporting',
      'the pricing page',
      'the mobile app',
      'search',
      'notifications',
      'the integrations gallery',
      'the admin console',
    ],
    teamObjectives: [],
    personal: [
      'Drive discovery for {topic}',
      'Own the roadmap for {topic}',
      'Run the research programme on {topic}',
      'Prototype {topic} with customers',
      'Make {topic} measurable',
    ],
    topics: [
      'the notifications centre',
      'team workspaces',
      'the new pricing page',
      'mobile onboarding',
      'self-serve reporting',
      'accessibility',
      'the template gallery',
      'in-app guidance',
    ],
    keyResults: [
      raise('Raise the activation rate of {s} from {start} to {target}', '%', 18, 35, 6, 15, 0.1, PERCENT),
      raise('Increase trial-to-paid conversion from {start} to {target}', '%', 8, 16, 2, 6, 0.1, PERCENT),
      grow('Grow weekly active users of {s} from {start} to {target}', 'users', 8_000, 60_000, 0.15, 0.5, 100),
      cut('Cut time to first value from {start} to {target}', 'minutes', 25, 90, 0.3, 0.6, 1),
      raise('Raise product NPS from {start} to {target}', 'NPS', 15, 40, 8, 20, 1, NPS),
      floor('Keep adoption of {s} at or above {target}', '%', 40, 60, -0.3, 0.05, 0.1, PERCENT),
      ceiling('Keep drop-off in {s} at or below {target}', '%', 25, 40, 0.1, 0.5, 0.1, PERCENT),
      milestone('Launch team workspaces to all customers'),
      milestone('Ship the redesign of {s}'),
      raise('Grow customer interviews held from {start} to {target}', 'interviews', 0, 5, 20, 40, 1),
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
      'Win {s}',
      'Build a predictable pipeline in {s}',
      'Shorten the sales cycle in {s}',
      'Grow revenue from {s}',
      'Land ten new logos in {s}',
      'Raise our win rate in {s}',
      'Make {s} our fastest-growing segment',
      'Sell bigger deals in {s}',
    ],
    subjects: [
      'the mid-market',
      'enterprise accounts',
      'the retail vertical',
      'the partner channel',
      'the DACH region',
      'the public sector',
      'healthcare',
      'financial services',
      'small businesses',
      'the Nordics',
    ],
    teamObjectives: [],
    personal: [
      'Build the playbook for {topic}',
      'Open up {topic}',
      'Coach the team on {topic}',
      'Double our results from {topic}',
      'Win our first deals through {topic}',
    ],
    topics: [
      'public-sector tenders',
      'expansion deals',
      'enterprise discovery calls',
      'the retail vertical',
      'partner-sourced deals',
      'multi-year contracts',
      'value selling',
      'the first-call demo',
    ],
    keyResults: [
      grow('Grow new ARR closed in {s} from {start} to {target}', '€', 400_000, 1_500_000, 0.15, 0.4, 1_000),
      grow('Grow qualified pipeline in {s} from {start} to {target}', '€', 2_000_000, 6_000_000, 0.2, 0.5, 10_000),
      raise('Raise the win rate on qualified deals from {start} to {target}', '%', 18, 28, 4, 9, 0.1, PERCENT),
      cut('Shorten the average sales cycle from {start} to {target}', 'days', 45, 110, 0.15, 0.3, 1),
      raise('Grow signed enterprise logos in {s} from {start} to {target}', 'deals', 0, 3, 6, 12, 1),
      floor('Keep pipeline coverage at or above {target}', 'x', 3, 3.5, -0.2, 0.1, 0.1),
      ceiling('Keep the average discount at or below {target}', '%', 12, 18, 0.05, 0.4, 0.1, PERCENT),
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
      'Make our brand known among {s}',
      'Fill the funnel with {s}',
      'Turn {s} into advocates',
      'Double qualified leads from {s}',
      'Win the attention of {s}',
      'Launch the spring release to {s}',
      'Cut the cost of reaching {s}',
      'Become the trusted voice for {s}',
    ],
    subjects: [
      'developers',
      'enterprise buyers',
      'finance leaders',
      'mid-market teams',
      'IT admins',
      'agencies',
      'start-up founders',
      'healthcare buyers',
      'public-sector buyers',
    ],
    teamObjectives: [],
    personal: [
      'Own the campaign for {topic}',
      'Build our voice on {topic}',
      'Grow the audience for {topic}',
      'Measure what {topic} brings in',
      'Refresh {topic}',
    ],
    topics: [
      'the partner newsletter',
      'the spring release',
      'our podcast',
      'the developer newsletter',
      'the annual conference',
      'customer stories',
      'the webinar series',
    ],
    keyResults: [
      grow('Grow marketing-qualified leads among {s} from {start} to {target}', 'leads', 600, 2_500, 0.2, 0.5, 10),
      grow('Grow organic traffic from {start} to {target} visits a month', 'visits', 40_000, 180_000, 0.15, 0.4, 100),
      cut('Reduce cost per lead from {start} to {target}', '€', 80, 220, 0.15, 0.3, 1),
      raise('Raise the newsletter open rate among {s} from {start} to {target}', '%', 22, 34, 4, 9, 0.1, PERCENT),
      floor('Keep share of voice among {s} at or above {target}', '%', 15, 25, -0.2, 0.1, 0.1, PERCENT),
      ceiling('Keep campaign spend at or below {target}', '€', 120_000, 300_000, -0.2, 0.1, 1_000),
      milestone('Launch the rebrand'),
      milestone('Host the first customer conference'),
      raise('Grow published customer stories from {start} to {target}', 'stories', 0, 3, 6, 12, 1),
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
      'Make support a reason {s} stay',
      'Get {s} live in two weeks',
      'Grow revenue from {s}',
      'Help {s} help themselves',
      'Cut the wait for {s}',
      'Turn {s} into advocates',
      'Halve churn among {s}',
      'Cut onboarding time for {s}',
    ],
    subjects: [
      'new customers',
      'strategic accounts',
      'premium customers',
      'self-serve customers',
      'enterprise customers',
      'customers in DACH',
      'at-risk accounts',
      'partners',
      'workspace admins',
    ],
    teamObjectives: [],
    personal: [
      'Own the escalation process for {topic}',
      'Build the programme for {topic}',
      'Lead the renewal plan for {topic}',
      'Measure the impact of {topic}',
      'Simplify {topic}',
    ],
    topics: [
      'the escalation desk',
      'strategic accounts',
      'the help centre',
      'onboarding cohorts',
      'premium support',
      'the customer community',
      'renewals in DACH',
    ],
    keyResults: [
      cut('Reduce median first response time for {s} from {start} to {target}', 'minutes', 60, 240, 0.3, 0.6, 1),
      cut('Reduce the support ticket backlog from {start} to {target} tickets', 'tickets', 300, 1_200, 0.3, 0.6, 1),
      raise('Raise CSAT among {s} from {start} to {target}', 'points', 4.0, 4.4, 0.2, 0.5, 0.01, SCORE),
      raise('Raise net revenue retention from {start} to {target}', '%', 98, 108, 3, 8, 0.1, { min: 0, max: 200 }),
      cut('Cut time to go live for {s} from {start} to {target}', 'days', 25, 60, 0.3, 0.5, 1),
      floor('Keep CSAT at or above {target}', 'points', 4.5, 4.5, -0.06, 0.02, 0.01, SCORE),
      ceiling('Keep logo churn among {s} at or below {target}', '%', 1, 2, 0.1, 0.8, 0.01, PERCENT),
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
      'Hire great {s}, fast',
      'Make this the best place for {s} to grow',
      'Onboard {s} brilliantly',
      'Keep our best {s}',
      'Give {s} a clear career path',
      'Build an inclusive path for {s}',
      'Train {s} to lead',
      'Make {s} feel at home from day one',
    ],
    subjects: [
      'engineers',
      'new managers',
      'sales hires',
      'new joiners',
      'senior leaders',
      'interns',
      'remote employees',
      'support agents',
    ],
    teamObjectives: [],
    personal: ['Lead {topic}', 'Redesign {topic}', 'Own {topic}', 'Measure the impact of {topic}', 'Simplify {topic}'],
    topics: [
      'the mentoring scheme',
      'the engineering hiring plan',
      'the career framework',
      'manager training',
      'the onboarding week',
      'the referral programme',
      'pay reviews',
    ],
    keyResults: [
      raise('Grow engineers hired this cycle from {start} to {target}', 'hires', 0, 3, 8, 20, 1),
      cut('Cut time to hire from {start} to {target}', 'days', 40, 70, 0.15, 0.35, 1),
      raise('Raise the offer acceptance rate from {start} to {target}', '%', 70, 82, 5, 12, 0.1, PERCENT),
      raise('Raise engagement survey participation among {s} from {start} to {target}', '%', 60, 75, 10, 20, 0.1, PERCENT),
      floor('Keep employee NPS at or above {target}', 'eNPS', 20, 35, -0.3, 0.1, 1, NPS),
      ceiling('Keep regretted attrition among {s} at or below {target}', '%', 3, 6, 0.1, 0.6, 0.1, PERCENT),
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
      'Make {s} faster and cleaner',
      'Automate {s}',
      'Give every team confidence in {s}',
      'Get {s} audit-ready',
      'Cut the cost of {s}',
      'Put {s} on one system',
      'Make {s} boring',
      'Halve the time spent on {s}',
    ],
    subjects: [
      'the month-end close',
      'the annual budget',
      'revenue recognition',
      'vendor payments',
      'spend management',
      'the cash forecast',
      'billing operations',
      'procurement',
      'expense reporting',
    ],
    teamObjectives: ['Automate the busywork of {team}', 'Give {team} one source of truth'],
    personal: ['Own {topic}', 'Automate {topic}', 'Lead {topic}', 'Simplify {topic}', 'Speed up {topic}'],
    topics: ['the month-end close', 'the FY budget', 'revenue recognition', 'the audit', 'the board pack', 'travel expenses'],
    keyResults: [
      cut('Shorten the month-end close from {start} to {target}', 'days', 8, 15, 0.3, 0.5, 1),
      cut('Reduce customer acquisition cost from {start} to {target}', '€', 3_000, 9_000, 0.1, 0.25, 10),
      raise('Raise the share of automated reconciliations from {start} to {target}', '%', 30, 55, 15, 30, 0.1, PERCENT),
      ceiling('Keep days sales outstanding at or below {target}', 'days', 35, 50, 0.05, 0.3, 1),
      floor('Keep forecast accuracy at or above {target}', '%', 90, 95, -0.06, 0.01, 0.1, PERCENT),
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
    objectives: [
      'Make {s} effortless',
      'Automate {s}',
      'Cut the cost of {s}',
      'Put {s} on one system',
      'Make {s} self-serve',
      'Halve the time spent on {s}',
      'Make {s} pay its way',
      'Give everyone a say in {s}',
    ],
    subjects: [
      'laptop provisioning',
      'vendor reviews',
      'contract management',
      'onboarding logistics',
      'tool access',
      'purchasing',
      'travel booking',
      'the IT help desk',
      'software licences',
    ],
    teamObjectives: ['Automate the busywork of {team}', 'Make {team} a service people love'],
    personal: ['Own {topic}', 'Modernise {topic}', 'Lead {topic}', 'Simplify {topic}', 'Speed up {topic}'],
    topics: ['laptop provisioning', 'vendor reviews', 'contract management', 'the office move', 'the tool inventory', 'single sign-on'],
    keyResults: [
      cut('Cut laptop provisioning time from {start} to {target}', 'hours', 24, 72, 0.4, 0.7, 1),
      cut('Reduce SaaS spend from {start} to {target} a month', '€', 40_000, 120_000, 0.1, 0.25, 100),
      raise('Raise satisfaction with {s} from {start} to {target} points', 'points', 3.2, 3.8, 0.3, 0.8, 0.01, SCORE),
      ceiling('Keep contract turnaround at or below {target}', 'days', 5, 10, 0.1, 0.8, 1),
      floor('Keep vendor SLAs met at or above {target}', '%', 95, 98, -0.04, 0.01, 0.1, PERCENT),
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
    objectives: [
      'Make {s} a product people trust',
      'Put {s} into production',
      'Give every team access to {s}',
      'Make {s} fast',
      'Cut the cost of {s}',
      'Make {s} reliable',
      'Rebuild {s} on the new platform',
      'Double adoption of {s}',
    ],
    subjects: [
      'the metrics layer',
      'the churn model',
      'data quality checks',
      'the warehouse',
      'self-serve analytics',
      'the revenue dashboard',
      'product analytics',
      'the experimentation platform',
      'demand forecasting',
    ],
    teamObjectives: ['Make {team} the first stop for every question about data', 'Give {team} pipelines that never page anyone'],
    personal: ['Own {topic}', 'Build {topic}', 'Lead {topic}', 'Document {topic}', 'Speed up {topic}'],
    topics: [
      'the metrics layer',
      'the churn model',
      'data quality checks',
      'the warehouse migration',
      'the event tracking plan',
      'the A/B testing guide',
    ],
    keyResults: [
      raise('Raise adoption of {s} from {start} to {target}', '%', 30, 50, 10, 25, 0.1, PERCENT),
      cut('Cut pipeline failures from {start} to {target} a week', 'failures', 10, 30, 0.4, 0.7, 1),
      cut('Reduce dashboard load time from {start} to {target}', 'ms', 2_500, 8_000, 0.4, 0.7, 10),
      floor('Keep the data freshness SLA met at or above {target}', '%', 95, 99, -0.05, 0.01, 0.1, PERCENT),
      ceiling('Keep warehouse cost at or below {target} a month', '€', 15_000, 40_000, -0.1, 0.2, 100),
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
    objectives: [
      'Make {s} routine',
      'Earn customer trust through {s}',
      'Automate {s}',
      'Find the gaps in {s} before anyone else does',
      'Raise the bar on {s}',
      'Make {s} effortless for engineers',
      'Put {s} on autopilot',
      'Cut the cost of {s}',
    ],
    subjects: [
      'the SOC 2 audit',
      'secrets management',
      'the bug bounty',
      'access reviews',
      'vendor risk',
      'incident response',
      'laptop security',
      'the trust centre',
      'dependency scanning',
    ],
    teamObjectives: ['Make {team} a partner every team asks in early'],
    personal: ['Lead {topic}', 'Own {topic}', 'Run {topic}', 'Automate {topic}', 'Simplify {topic}'],
    topics: [
      'the SOC 2 audit',
      'the bug bounty programme',
      'secrets management',
      'phishing drills',
      'the threat model reviews',
      'the key rotation',
    ],
    keyResults: [
      cut('Cut mean time to patch critical vulnerabilities from {start} to {target}', 'days', 10, 30, 0.4, 0.7, 1),
      raise('Raise the phishing simulation pass rate from {start} to {target}', '%', 70, 85, 5, 12, 0.1, PERCENT),
      floor('Keep MFA coverage at or above {target}', '%', 100, 100, -0.08, -0.01, 0.1, PERCENT),
      ceiling('Keep open high-severity findings at {target} or fewer', 'findings', 2, 6, 0.5, 2, 1),
      cut('Reduce security questionnaire turnaround from {start} to {target}', 'days', 7, 15, 0.3, 0.6, 1),
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

/** Names of the demo organisation: companies, departments with their squads, people. */

export type Area =
  | 'engineering'
  | 'product'
  | 'sales'
  | 'marketing'
  | 'customer'
  | 'people'
  | 'finance'
  | 'operations'
  | 'data'
  | 'security';

export const COMPANY_NAMES = [
  'Northwind Labs',
  'Bluefin Software',
  'Lumen Cloud',
  'Kestrel Analytics',
  'Harbour & Pine',
  'Tidewater Systems',
  'Orbital Commerce',
  'Fjord Health',
  'Quarry Logistics',
  'Solace Payments',
] as const;

export interface DepartmentName {
  name: string;
  area: Area;
  /** How many squads it gets relative to the others. */
  weight: number;
  squads: readonly string[];
}

/** In the order departments are added as the organisation grows. */
export const DEPARTMENTS: readonly DepartmentName[] = [
  {
    name: 'Engineering',
    area: 'engineering',
    weight: 3,
    squads: ['Platform', 'Payments', 'Mobile', 'Web', 'Infrastructure', 'Search', 'Identity', 'Developer Experience', 'Reliability', 'Integrations', 'Billing', 'Notifications'],
  },
  { name: 'Product', area: 'product', weight: 2, squads: ['Onboarding', 'Growth', 'Core Experience', 'Monetisation', 'Collaboration', 'Insights', 'Design System', 'User Research'] },
  { name: 'Sales', area: 'sales', weight: 2, squads: ['Enterprise', 'Mid-Market', 'SMB', 'Partnerships', 'Sales Operations', 'Solutions Engineering', 'Inside Sales'] },
  { name: 'Marketing', area: 'marketing', weight: 1.5, squads: ['Demand Generation', 'Brand', 'Content', 'Product Marketing', 'Events', 'Lifecycle'] },
  { name: 'Customer Success', area: 'customer', weight: 1.5, squads: ['Support', 'Onboarding Services', 'Renewals', 'Customer Education', 'Premium Support'] },
  { name: 'Operations', area: 'operations', weight: 1, squads: ['Business Operations', 'IT', 'Procurement', 'Workplace'] },
  { name: 'People', area: 'people', weight: 1, squads: ['Talent Acquisition', 'People Partners', 'Learning & Development', 'Total Rewards'] },
  { name: 'Finance', area: 'finance', weight: 1, squads: ['FP&A', 'Accounting', 'Revenue Operations', 'Procurement Finance'] },
  { name: 'Data', area: 'data', weight: 1, squads: ['Data Platform', 'Data Science', 'Business Intelligence', 'Machine Learning'] },
  { name: 'Security', area: 'security', weight: 1, squads: ['Application Security', 'Compliance', 'Security Operations'] },
  { name: 'Design', area: 'product', weight: 1, squads: ['Product Design', 'Brand Design', 'Research Ops'] },
  { name: 'Legal', area: 'operations', weight: 0.5, squads: ['Commercial Legal', 'Privacy'] },
];

/** Suffixes for departments beyond the list (a large organisation has regional copies). */
export const REGIONS = ['EMEA', 'Americas', 'APAC', 'DACH', 'Nordics', 'Iberia', 'UK & Ireland', 'LATAM', 'ANZ', 'Benelux'] as const;

export const FIRST_NAMES = [
  'Ada', 'Grace', 'Alan', 'Linus', 'Margaret', 'Katherine', 'Dorothy', 'Edsger', 'Barbara', 'Donald',
  'Frances', 'John', 'Radia', 'Ken', 'Hedy', 'Tim', 'Sophie', 'Niklaus', 'Anita', 'Yukihiro',
  'Amara', 'Lucas', 'Mei', 'Omar', 'Priya', 'Mateo', 'Chloe', 'Jonas', 'Fatima', 'Kenji',
  'Elena', 'Tomás', 'Ingrid', 'Kwame', 'Leila', 'Henrik', 'Zara', 'Rafael', 'Aiko', 'Nikolai',
  'Sana', 'Diego', 'Freya', 'Malik', 'Ines', 'Oskar', 'Yara', 'Pavel', 'Noor', 'Emil',
  'Camille', 'Arjun', 'Lena', 'Tariq', 'Signe', 'Marco', 'Nadia', 'Viktor', 'Hana', 'Felix',
] as const;

export const LAST_NAMES = [
  'Lovelace', 'Hopper', 'Turing', 'Torvalds', 'Hamilton', 'Johnson', 'Vaughan', 'Dijkstra', 'Liskov', 'Knuth',
  'Allen', 'Backus', 'Perlman', 'Thompson', 'Lamarr', 'Berners-Lee', 'Wilson', 'Wirth', 'Borg', 'Matsumoto',
  'Okafor', 'Silva', 'Chen', 'Haddad', 'Raman', 'García', 'Dubois', 'Becker', 'Rahman', 'Tanaka',
  'Petrova', 'Moreno', 'Larsen', 'Mensah', 'Farah', 'Nyberg', 'Khan', 'Costa', 'Sato', 'Ivanov',
  'Mirza', 'Fernández', 'Andersen', 'Osei', 'Ferreira', 'Lindqvist', 'Aziz', 'Novak', 'Hussein', 'Kowalski',
  'Laurent', 'Iyer', 'Schmidt', 'Nasser', 'Holm', 'Rossi', 'Popescu', 'Horvat', 'Park', 'Weber',
] as const;

// The programme's stages (ARCHITECTURE.md, first paragraph), shown as cards until each context
// has its pages. Keys under home.stage.* in the locale files.
export const PROGRAMME_STAGES = [
  'register',
  'checkup',
  'consultation',
  'plan',
  'funding',
  'construction',
  'supervision',
  'acceptance',
  'stewardship',
  'assessment',
] as const

import { DEFAULT_NECESSITY_SETTINGS, NecessitySettings } from '../indicators/contact-necessity';

/** The rules' settings a РИЦ may change by configuration (README, "Configuration"). */
export interface RuleSettings {
  /** A Monday that began a full week; full and diagnostic weeks alternate from it [003]. */
  firstFullWeek: string;
  necessity: NecessitySettings;
}

export const DEFAULT_RULE_SETTINGS: RuleSettings = {
  firstFullWeek: '2026-01-05',
  necessity: DEFAULT_NECESSITY_SETTINGS,
};

export const ruleSettings = (given: Partial<RuleSettings> = {}): RuleSettings => ({
  ...DEFAULT_RULE_SETTINGS,
  ...given,
});

const LISTED = 10;

export const hooks = {
  'stage.completed'({ stage, analysis, analysis_error: analysisError }, { settings }) {
    if (stage !== 'qa_review') return undefined;
    if (analysis === null) return { fail: `security-gate: the code could not be checked (${analysisError ?? 'no analysis was provided'}), so the gate does not pass it` };
    const critical = analysis.findings.filter((finding) => finding.severity === 'critical');
    if (critical.length <= settings.max_critical) return undefined;
    const listed = critical.slice(0, LISTED).map((finding) => `${finding.file_path}:${finding.line} ${finding.rule_id} ${finding.message}`);
    const more = critical.length > LISTED ? `; and ${critical.length - LISTED} more` : '';
    return { fail: `security-gate: the analyzer reports ${critical.length} critical finding(s), ${settings.max_critical} allowed: ${listed.join('; ')}${more}` };
  },
};

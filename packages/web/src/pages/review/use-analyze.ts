import { useNavigate } from 'react-router';
import { useAction } from '../../hooks/resource.ts';
import { useI18n } from '../../i18n.tsx';
import { rememberSubmission } from './code-store.ts';
import { type AnalysisRequest, review } from './review-api.ts';

/** Sends one analysis and opens its results page (the tab keeps the code: the results reply does not carry it). */
export function useAnalyze() {
  const { language } = useI18n();
  const navigate = useNavigate();
  return useAction(async (request: AnalysisRequest) => {
    const analysis = await review.analyze(request, language);
    rememberSubmission(analysis.analysis_id, request);
    await navigate(`/review/${encodeURIComponent(analysis.analysis_id)}`);
  });
}

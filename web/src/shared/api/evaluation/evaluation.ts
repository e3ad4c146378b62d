// The evaluation API (docs/evaluation.md): the scorecard editor, evaluations of estates (which may
// issue rectification orders) and rankings of estates and streets with the commendation and
// criticism lists.
import { http } from '../client'
import type { Page } from '../types'
import type { Evaluation, EvaluationInput, EvaluationQuery, RankingLevel, Rankings, Scorecard, ScorecardInput } from './types'

export async function listScorecards(): Promise<Scorecard[]> {
  return (await http.get<{ items: Scorecard[] }>('/scorecards')).items
}

export function getScorecard(id: number): Promise<Scorecard> {
  return http.get<Scorecard>(`/scorecards/${id}`)
}

export function createScorecard(body: ScorecardInput): Promise<Scorecard> {
  return http.post<Scorecard>('/scorecards', body)
}

/** 409 evaluation.scorecard_in_use once an evaluation uses it. */
export function updateScorecard(id: number, body: ScorecardInput): Promise<Scorecard> {
  return http.put<Scorecard>(`/scorecards/${id}`, body)
}

/** 422 naming the item for a bad, missing or unknown score; nothing is stored then. */
export function createEvaluation(body: EvaluationInput): Promise<Evaluation> {
  return http.post<Evaluation>('/evaluations', body)
}

export function getEvaluation(id: number): Promise<Evaluation> {
  return http.get<Evaluation>(`/evaluations/${id}`)
}

export function listEvaluations(query: EvaluationQuery = {}): Promise<Page<Evaluation>> {
  return http.get<Page<Evaluation>>('/evaluations', { ...query })
}

export function getRankings(level: RankingLevel, period: string, regionCode?: string): Promise<Rankings> {
  return http.get<Rankings>('/rankings', { level, period, regionCode })
}

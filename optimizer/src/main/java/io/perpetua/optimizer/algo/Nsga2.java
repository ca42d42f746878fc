package io.perpetua.optimizer.algo;

import io.jenetics.DoubleChromosome;
import io.jenetics.DoubleGene;
import io.jenetics.Genotype;
import io.jenetics.Mutator;
import io.jenetics.SinglePointCrossover;
import io.jenetics.TournamentSelector;
import io.jenetics.engine.Engine;
import io.jenetics.ext.moea.UFTournamentSelector;
import io.jenetics.ext.moea.Vec;
import io.jenetics.util.RandomRegistry;
import java.util.List;
import java.util.Random;

/**
 * Multi-objective search in the NSGA-II family with Jenetics: survivors chosen by non-dominated
 * rank and crowding distance ({@link UFTournamentSelector}), every objective maximised. The Pareto
 * front is taken from all trials afterwards. Evaluated in order on the calling thread (repeatable
 * for a seed); rejected trials score {@link CmaEs#REJECTED} on every objective.
 */
public final class Nsga2 implements SearchAlgorithm {
  @Override
  public String name() {
    return "nsga2";
  }

  @Override
  public boolean multiObjective() {
    return true;
  }

  @Override
  public void search(SearchProblem problem) {
    PointEvaluator evaluator = problem.evaluator();
    int d = Math.max(1, problem.dimension());
    int population = Math.max(10, Math.min(50, evaluator.remaining() / 5));
    try {
      RandomRegistry.with(
          new Random(problem.seed()),
          r -> {
            Engine<DoubleGene, Vec<double[]>> engine =
                Engine.builder(
                        (Genotype<DoubleGene> g) -> Vec.of(scores(evaluator, g)),
                        Genotype.of(DoubleChromosome.of(0, 1, d)))
                    .executor((Runnable task) -> task.run())
                    .populationSize(population)
                    .offspringSelector(new TournamentSelector<>(3))
                    .survivorsSelector(UFTournamentSelector.ofVec())
                    .alterers(new SinglePointCrossover<>(0.6), new Mutator<>(0.1))
                    .build();
            return engine.stream().takeWhile(x -> evaluator.remaining() > 0).count();
          });
    } catch (RuntimeException e) {
      StopSearch.rethrowUnlessStop(e); // budget spent in the middle of a generation
    }
  }

  private static double[] scores(PointEvaluator evaluator, Genotype<DoubleGene> g) {
    if (evaluator.remaining() <= 0) {
      throw new StopSearch();
    }
    double[][] s = evaluator.evaluate(List.of(GeneticSearch.point(g)));
    if (s.length == 0) {
      throw new StopSearch();
    }
    double[] out = s[0].clone();
    for (int i = 0; i < out.length; i++) {
      out[i] = Double.isFinite(out[i]) ? out[i] : CmaEs.REJECTED;
    }
    return out;
  }
}

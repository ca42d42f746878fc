package io.perpetua.optimizer.algo;

import io.jenetics.DoubleChromosome;
import io.jenetics.DoubleGene;
import io.jenetics.Genotype;
import io.jenetics.MeanAlterer;
import io.jenetics.Mutator;
import io.jenetics.TournamentSelector;
import io.jenetics.engine.Engine;
import io.jenetics.util.RandomRegistry;
import java.util.Random;

/**
 * A genetic algorithm (Jenetics): real-valued genes in the unit cube, tournament selection, mean
 * crossover and uniform mutation, population {@code max(10, min(50, budget / 5))}, evaluated in
 * order on the calling thread so trials come in a seeded, repeatable order. Rejected trials score
 * {@link CmaEs#REJECTED}.
 */
public final class GeneticSearch implements SearchAlgorithm {
  @Override
  public String name() {
    return "ga";
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
            Engine<DoubleGene, Double> engine =
                Engine.builder(
                        (Genotype<DoubleGene> g) -> finite(evaluator.score(point(g))),
                        Genotype.of(DoubleChromosome.of(0, 1, d)))
                    .executor((Runnable task) -> task.run())
                    .populationSize(population)
                    .selector(new TournamentSelector<>(3))
                    .alterers(new MeanAlterer<>(0.6), new Mutator<>(0.1))
                    .build();
            return engine.stream().takeWhile(x -> evaluator.remaining() > 0).count();
          });
    } catch (RuntimeException e) {
      StopSearch.rethrowUnlessStop(e); // budget spent in the middle of a generation
    }
  }

  static double[] point(Genotype<DoubleGene> g) {
    return g.chromosome().as(DoubleChromosome.class).toArray();
  }

  private static double finite(double score) {
    return Double.isFinite(score) ? score : CmaEs.REJECTED;
  }
}

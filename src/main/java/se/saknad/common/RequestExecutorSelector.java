package se.saknad.common;

import io.micronaut.context.BeanLocator;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.inject.MethodReference;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.scheduling.executor.DefaultExecutorSelector;
import io.micronaut.scheduling.executor.ThreadSelection;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * Routes that block run on the bounded request pool ({@link RequestThreads}) instead of Micronaut's
 * unbounded {@code blocking} executor: with {@code thread-selection: BLOCKING} that is every route,
 * and a route marked {@code @ExecuteOn(TaskExecutors.BLOCKING)} too. One place, so that no
 * controller needs an annotation to stay off the event loop.
 */
@Singleton
@Replaces(DefaultExecutorSelector.class)
class RequestExecutorSelector extends DefaultExecutorSelector {
  private final BeanProvider<ExecutorService> requests;

  RequestExecutorSelector(
      BeanLocator beans,
      @Named(TaskExecutors.IO) BeanProvider<ExecutorService> io,
      @Named(RequestThreads.REQUESTS) BeanProvider<ExecutorService> requests) {
    super(beans, io, requests);
    this.requests = requests;
  }

  @Override
  public Optional<ExecutorService> select(
      MethodReference<?, ?> method, ThreadSelection threadSelection) {
    if (method.stringValue(ExecuteOn.class).filter(TaskExecutors.BLOCKING::equals).isPresent()) {
      return Optional.of(requests.get());
    }
    return super.select(method, threadSelection);
  }
}

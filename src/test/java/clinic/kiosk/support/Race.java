package clinic.kiosk.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Two actions released at the same moment on two threads, as two people clicking at once. */
public final class Race {
    private Race() {
    }

    /** Runs both at once and returns how many of them reported success. */
    public static int winners(ExecutorService pool, Callable<Boolean> one, Callable<Boolean> two) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (Callable<Boolean> c : List.of(one, two)) {
            results.add(pool.submit(() -> {
                start.await();
                return c.call();
            }));
        }
        start.countDown();
        int won = 0;
        for (Future<Boolean> f : results) {
            if (f.get(60, TimeUnit.SECONDS)) {
                won++;
            }
        }
        return won;
    }
}

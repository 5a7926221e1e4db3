# Few-shot 2-D classification with a prototypical network.
import numpy as np
from livedemo import progress, show
from metalearn.protonet import accuracy, log_probs, prototypes, train_protonet
from metalearn.plots import protonet_regions
from metalearn.tasks import sample_cluster_tasks

# meta-batches of 16 episodes, 5-way 5-shot (more ways than we test with)
iterations = 1500
n_way = 3           # the test tasks have n_way classes,
k_shot = 5          # k_shot support points per class
n_query = 10        # and n_query query points per class


def tick(i, loss):
    if (i + 1) % 100 == 0:
        progress(i + 1, iterations, label=f"training, loss {loss:.2f}")


params, losses = train_protonet(np.random.default_rng(0), iterations, callback=tick)

test = sample_cluster_tasks(np.random.default_rng(1), 500, n_way, k_shot, n_query)
print(f"{n_way}-way {k_shot}-shot accuracy on 500 new tasks")
print(f"  nearest class mean, raw inputs  {accuracy(None, test):.3f}")
print(f"  prototypical network            {accuracy(params, test):.3f}")

# One new task: colour the plane by the class the network predicts.
task = sample_cluster_tasks(np.random.default_rng(5), 1, n_way, k_shot, n_query)
gx, gy = np.linspace(-6, 6, 40), np.linspace(-5, 5, 30)
cells = np.stack(np.meshgrid(gx, gy), axis=-1).reshape(1, -1, 2)
grid_class = log_probs(params, task.x_support, n_way, k_shot, cells).argmax(axis=-1)
grid_class = grid_class.reshape(len(gy), len(gx))
points = np.concatenate([task.x_support[0], task.x_query[0]])
labels = np.concatenate([task.y_support[0], task.y_query[0]])
is_support = np.arange(len(points)) < n_way * k_shot    # the support points come first
# The crosses are the class means of the raw support points. The prototypes themselves are
# means of the *embedded* points and live in the embedding space, which this plane is not.
raw_means = prototypes(task.x_support, n_way, k_shot)[0]
predicted = log_probs(params, task.x_support, n_way, k_shot, task.x_query).argmax(axis=-1)[0]
show(protonet_regions(gx, gy, grid_class, points, labels, raw_means, support=is_support,
                      title={"text": f"Decision regions of a {n_way}-way {k_shot}-shot task",
                             "subtitle": "crosses: class means of the raw inputs"},
                      description=f"The plane coloured by the class the network predicts, with "
                      f"the task's {n_way * k_shot} support and {n_way * n_query} query points "
                      f"in their classes' colours; {(predicted == task.y_query[0]).sum()} of the "
                      f"{n_way * n_query} query points lie in their own class's region"))

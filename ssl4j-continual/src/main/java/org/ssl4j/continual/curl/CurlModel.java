package org.ssl4j.continual.curl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ssl4j.core.Ssl4jException;

/**
 * CURL's mixture latent model (Rao et al. 2019, section 3; the official {@code curl/model.py} with its
 * {@code train_main.py} settings as defaults): a shared MLP encoder of the flattened input (ReLU after every layer),
 * a cluster head giving {@code q(y|x)} as a softmax over the first {@code active} of {@code maxComponents} logits, one
 * linear latent head per component giving {@code q(z|x,y)} (mean, and variance through a softplus), the prior
 * {@code p(z|y)} as linear layers on the one-hot {@code y} (mean, softplus variance), a uniform {@code p(y)} over the
 * active components, and one decoder MLP shared by the components giving Bernoulli logits. {@link #elbo} wires them
 * into {@link MixtureElbo}'s terms with one reparameterised sample per active component.
 */
public final class CurlModel {
    /**
     * The model's sizes.
     *
     * @param inputSize values per flattened input (784 for MNIST)
     * @param encoderWidths the shared encoder's layers ([1200, 600, 300, 150])
     * @param maxComponents the most mixture components the model can grow to (30)
     * @param latentSize the dimension of {@code z} (32)
     * @param decoderWidths the decoder's hidden layers ([500, 500])
     */
    public record Sizes(int inputSize, List<Integer> encoderWidths, int maxComponents, int latentSize,
            List<Integer> decoderWidths) {
        /** Validates. */
        public Sizes {
            Ssl4jException.check(inputSize >= 1 && maxComponents >= 1 && latentSize >= 1,
                    "curl model: input size, components and latent size must be positive");
            encoderWidths = List.copyOf(encoderWidths);
            decoderWidths = List.copyOf(decoderWidths);
        }

        /** The official MNIST settings for inputs of {@code inputSize} values. */
        public static Sizes defaults(int inputSize) {
            return new Sizes(inputSize, List.of(1200, 600, 300, 150), 30, 32, List.of(500, 500));
        }
    }

    private final Sizes sizes;
    private final SequentialBlock encoder;
    private final Linear clusterHead;
    private final Linear latentHeads;
    private final Linear priorMean;
    private final Linear priorVariance;
    private final SequentialBlock decoder;
    private final ParameterStore store;

    /** Builds and initialises the model on {@code manager} in {@code type}, drawing from the engine's generator. */
    public CurlModel(Sizes sizes, NDManager manager, DataType type) {
        this.sizes = sizes;
        int k = sizes.maxComponents();
        int z = sizes.latentSize();
        encoder = mlp(sizes.encoderWidths(), 0);
        clusterHead = Linear.builder().setUnits(k).build();
        latentHeads = Linear.builder().setUnits((long) k * 2 * z).build(); // the K heads side by side
        priorMean = Linear.builder().setUnits(z).build();
        priorVariance = Linear.builder().setUnits(z).build();
        decoder = mlp(sizes.decoderWidths(), sizes.inputSize());
        encoder.initialize(manager, type, new Shape(1, sizes.inputSize()));
        long hidden = sizes.encoderWidths().isEmpty() ? sizes.inputSize()
                : sizes.encoderWidths().get(sizes.encoderWidths().size() - 1);
        clusterHead.initialize(manager, type, new Shape(1, hidden));
        latentHeads.initialize(manager, type, new Shape(1, hidden));
        priorMean.initialize(manager, type, new Shape(1, k));
        priorVariance.initialize(manager, type, new Shape(1, k));
        decoder.initialize(manager, type, new Shape(1, z));
        store = new ParameterStore(manager, false);
    }

    /** Linear layers of {@code widths}, each with a ReLU, then, if {@code out > 0}, a linear output layer. */
    private static SequentialBlock mlp(List<Integer> widths, int out) {
        SequentialBlock block = new SequentialBlock();
        for (int width : widths) {
            block.add(Linear.builder().setUnits(width).build()).add(Activation.reluBlock());
        }
        if (out > 0) {
            block.add(Linear.builder().setUnits(out).build());
        }
        return block;
    }

    /** The model's sizes. */
    public Sizes sizes() {
        return sizes;
    }

    /** Every block, in a fixed order. */
    public List<Block> blocks() {
        return List.of(encoder, clusterHead, latentHeads, priorMean, priorVariance, decoder);
    }

    /** Every block by a name prefix for its parameters, for optimisers and checkpoints. */
    public Map<String, Block> namedBlocks() {
        Map<String, Block> out = componentBlocks();
        out.put("encoder.", encoder);
        out.put("decoder.", decoder);
        return out;
    }

    /**
     * The ELBO's terms for a batch.
     *
     * @param x {@code (B, I)} values in [0, 1]
     * @param active how many components are active, 1 to {@code maxComponents}
     * @param noise standard normal {@code (active, B, Z)}, the reparameterisation's draws
     * @param training whether the blocks run in training mode
     */
    public MixtureElbo.Terms elbo(NDArray x, int active, NDArray noise, boolean training) {
        return pass(x, active, noise, training).terms();
    }

    /**
     * One pass of the model on a batch: the ELBO's terms and the {@code q(y|x)} {@code (B, active)} they weight by.
     *
     * @param terms as {@link #elbo}
     * @param clusterProbabilities {@code q(y|x)}
     */
    public record Pass(MixtureElbo.Terms terms, NDArray clusterProbabilities) {}

    /** As {@link #elbo}, with the {@code q(y|x)} of the same pass. */
    public Pass pass(NDArray x, int active, NDArray noise, boolean training) {
        checkActive(active);
        long batch = x.getShape().get(0);
        int z = sizes.latentSize();
        NDArray hidden = forward(encoder, x, training);
        NDArray qy = forward(clusterHead, hidden, training).get(":, :{}", active).softmax(1);
        NDArray heads = forward(latentHeads, hidden, training).reshape(batch, sizes.maxComponents(), 2 * z)
                .get(":, :{}, :", active).transpose(1, 0, 2); // (K, B, 2Z)
        NDArray qMean = heads.get(":, :, :{}", z);
        NDArray qVariance = MixtureElbo.softplus(heads.get(":, :, {}:", z));
        NDArray sample = qMean.add(qVariance.sqrt().mul(noise)); // (K, B, Z)
        NDArray logits = forward(decoder, sample.reshape(active * batch, z), training)
                .reshape(active, batch, sizes.inputSize());
        NDArray oneHot = x.getManager().eye(active, sizes.maxComponents(), 0, x.getDataType());
        NDArray pMean = forward(priorMean, oneHot, training);
        NDArray pVariance = MixtureElbo.softplus(forward(priorVariance, oneHot, training));
        NDArray py = x.getManager().full(new Shape(active), 1f / active, x.getDataType());
        return new Pass(MixtureElbo.compute(x, qy, py, logits, qMean, qVariance, pMean, pVariance), qy);
    }

    /**
     * The ELBO's terms with each sample's component given rather than inferred, what the official code calls the
     * supervised ELBO: dynamic expansion trains a new component with it, and supervised replay (SMGR) the replayed
     * samples with the components that generated them: {@code log p(x|z_c) - (-log q(y=c|x)) - KL(q(z|x,c) || p(z|c))},
     * {@code z_c} one reparameterised sample of {@code q(z|x,c)}.
     *
     * @param x {@code (B, I)} values in [0, 1]
     * @param active how many components are active (every given component among them)
     * @param components each sample's component {@code c} {@code (B)}, int64
     * @param noise standard normal {@code (B, Z)}
     * @param training whether the blocks run in training mode
     */
    public MixtureElbo.Terms supervisedElbo(NDArray x, int active, NDArray components, NDArray noise,
            boolean training) {
        checkActive(active);
        Ssl4jException.check(components.max().getLong() < active, "curl model: a given component is not among the "
                + "%d active", active);
        int z = sizes.latentSize();
        long batch = x.getShape().get(0);
        NDArray oneHot = components.oneHot(sizes.maxComponents()).toType(x.getDataType(), false); // (B, K)
        NDArray hidden = forward(encoder, x, training);
        NDArray logQy = forward(clusterHead, hidden, training).get(":, :{}", active).logSoftmax(1);
        NDArray head = forward(latentHeads, hidden, training).reshape(batch, sizes.maxComponents(), 2 * z)
                .mul(oneHot.expandDims(2)).sum(new int[] {1}); // (B, 2Z): each sample's component's head
        NDArray qMean = head.get(":, :{}", z);
        NDArray qVariance = MixtureElbo.softplus(head.get(":, {}:", z));
        NDArray logits = forward(decoder, qMean.add(qVariance.sqrt().mul(noise)), training);
        NDArray pMean = forward(priorMean, oneHot, training);
        NDArray pVariance = MixtureElbo.softplus(forward(priorVariance, oneHot, training));
        NDArray logLikelihood = MixtureElbo.bernoulliLogLikelihood(x, logits);
        NDArray klY = logQy.mul(oneHot.get(":, :{}", active)).sum(new int[] {1}).neg();
        NDArray klZ = MixtureElbo.gaussianKl(qMean, qVariance, pMean, pVariance);
        return new MixtureElbo.Terms(logLikelihood, klY, klZ);
    }

    /** {@code q(y|x)} over the first {@code active} components {@code (B, active)}, in inference mode. */
    public NDArray clusterProbabilities(NDArray x, int active) {
        checkActive(active);
        return forward(clusterHead, forward(encoder, x, false), false).get(":, :{}", active).softmax(1);
    }

    /**
     * The representation CURL's evaluations classify (the official {@code latents} op): the mean of
     * {@code q(z|x,y*)} under the most probable component {@code y* = argmax q(y|x)}, {@code (B, Z)}, in inference
     * mode.
     */
    public NDArray latentMeans(NDArray x, int active) {
        checkActive(active);
        int z = sizes.latentSize();
        NDArray hidden = forward(encoder, x, false);
        NDArray best = forward(clusterHead, hidden, false).get(":, :{}", active).argMax(1); // (B)
        NDArray heads = forward(latentHeads, hidden, false).reshape(x.getShape().get(0), sizes.maxComponents(),
                2 * z);
        NDArray means = heads.get(":, :, :{}", z); // (B, K, Z)
        NDArray mask = best.oneHot(sizes.maxComponents()).toType(x.getDataType(), false).expandDims(2);
        return means.mul(mask).sum(new int[] {1});
    }

    /**
     * Draws from the generative model (the official {@code Curl.sample} with {@code mean=True}): for each row, a
     * latent {@code z = mu_c + sigma_c * noise} of component {@code c}'s prior, decoded to its Bernoulli means, then
     * binarised at 0.5 as the official MNIST replay does.
     *
     * @param components each row's component {@code (B)}, int
     * @param noise standard normal {@code (B, Z)}
     * @return {@code (B, I)} zeros and ones
     */
    public NDArray generate(NDArray components, NDArray noise) {
        NDArray oneHot = components.oneHot(sizes.maxComponents()).toType(noise.getDataType(), false);
        NDArray mean = forward(priorMean, oneHot, false);
        NDArray variance = MixtureElbo.softplus(forward(priorVariance, oneHot, false));
        NDArray logits = forward(decoder, mean.add(variance.sqrt().mul(noise)), false);
        return logits.gt(0).toType(noise.getDataType(), false); // sigmoid(l) > 0.5
    }

    /**
     * The blocks dynamic expansion trains a new component with, as the official {@code train_step_expansion}: the
     * cluster head, the latent heads and the prior; the shared encoder and the decoder stay as they are.
     */
    public Map<String, Block> componentBlocks() {
        Map<String, Block> out = new LinkedHashMap<>();
        out.put("cluster.", clusterHead);
        out.put("latent.", latentHeads);
        out.put("priorMean.", priorMean);
        out.put("priorVariance.", priorVariance);
        return out;
    }

    /** Makes every parameter of this model a copy of {@code source}'s (same sizes): a frozen snapshot. */
    public void copyFrom(CurlModel source) {
        Ssl4jException.check(source.sizes.equals(sizes), "curl model: cannot copy a model of other sizes");
        List<Block> from = source.blocks();
        List<Block> to = blocks();
        for (int b = 0; b < from.size(); b++) {
            List<Parameter> src = parameters(from.get(b));
            List<Parameter> dst = parameters(to.get(b));
            for (int p = 0; p < src.size(); p++) {
                src.get(p).getArray().copyTo(dst.get(p).getArray());
            }
        }
    }

    /**
     * Makes component {@code to} a copy of component {@code from}: its cluster logit's weights and bias, its latent
     * head and its prior's row, as the official dynamic expansion initialises a new component from the one that best
     * explains the poorly fitted data ({@code copy_component_params}).
     */
    public void copyComponent(int from, int to) {
        Ssl4jException.check(from >= 0 && to >= 0 && from < sizes.maxComponents() && to < sizes.maxComponents(),
                "curl model: components %d and %d, expected 0 to %d", from, to, sizes.maxComponents() - 1);
        int heads = 2 * sizes.latentSize();
        for (Parameter p : parameters(clusterHead)) { // weight (K, H), bias (K): row k is component k
            copyRows(p.getArray(), from, to, 1);
        }
        for (Parameter p : parameters(latentHeads)) { // weight (K 2Z, H), bias (K 2Z): rows of component k
            copyRows(p.getArray(), from, to, heads);
        }
        for (Linear prior : List.of(priorMean, priorVariance)) { // weight (Z, K) on the one-hot: column k
            NDArray weight = prior.getParameters().get("weight").getArray();
            weight.set(new NDIndex(":, {}", to), weight.get(new NDIndex(":, {}", from)));
        }
    }

    private static List<Parameter> parameters(Block block) {
        return block.getParameters().values();
    }

    private static void copyRows(NDArray array, int from, int to, int rowsPerComponent) {
        NDIndex source = new NDIndex("{}:{}", from * rowsPerComponent, (from + 1) * rowsPerComponent);
        array.set(new NDIndex("{}:{}", to * rowsPerComponent, (to + 1) * rowsPerComponent), array.get(source));
    }

    private void checkActive(int active) {
        Ssl4jException.check(active >= 1 && active <= sizes.maxComponents(), "curl model: %d active components, "
                + "expected 1 to %d", active, sizes.maxComponents());
    }

    private NDArray forward(Block block, NDArray input, boolean training) {
        return block.forward(store, new NDList(input), training).singletonOrThrow();
    }
}

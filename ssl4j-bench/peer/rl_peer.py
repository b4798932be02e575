#!/usr/bin/env python3
"""The PyTorch-eager peer of ssl4j's RL update benchmark.

One agent update of ssl4j's SacAgent, written the same way in PyTorch: SAC from pixels with CURL's encoder (4 3x3
convolutions of 32 filters, the first with stride 2; a linear layer to 50 features and a layer norm), twin critics and
targets, a tanh-Gaussian actor on the detached convolutional features, the learned temperature, Adam everywhere, and
(for CURL) the bilinear InfoNCE on a second crop through the target encoder; or SAC from a 5-value state. The batch is
built once (random pixels in [0, 1]) and every update reads it, as ssl4j's side does. Prints one JSON line:
{"updates_per_s": 1 / median, "step_s": [...], "peak_rss_mb": ...}.

Run with Debian's python3-torch (apt-get install python3-torch python3-torchvision libopenblas0-pthread); ssl4j's
`bench rl` starts it with the same thread count as its own engine.
"""
import argparse
import json
import math
import resource
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def convolutions(channels, layers=4, filters=32):
    blocks = []
    for i in range(layers):
        blocks += [nn.Conv2d(channels if i == 0 else filters, filters, 3, stride=2 if i == 0 else 1), nn.ReLU()]
    return nn.Sequential(*blocks, nn.Flatten())


def feature_head(flat, features=50):
    return nn.Sequential(nn.Linear(flat, features), nn.LayerNorm(features))


def mlp(inputs, hidden, out):
    return nn.Sequential(nn.Linear(inputs, hidden), nn.ReLU(), nn.Linear(hidden, hidden), nn.ReLU(),
                         nn.Linear(hidden, out))


def policy(output, noise, log_std_min=-10.0, log_std_max=2.0):
    actions = output.shape[1] // 2
    mu, raw = output[:, :actions], output[:, actions:]
    log_std = (torch.tanh(raw) + 1) * 0.5 * (log_std_max - log_std_min) + log_std_min
    u = mu + noise * log_std.exp()
    gaussian = (-0.5 * noise.pow(2) - log_std).sum(1, keepdim=True) - 0.5 * math.log(2 * math.pi) * actions
    action = torch.tanh(u)
    correction = torch.log(F.relu(1 - action.pow(2)) + 1e-6).sum(1, keepdim=True)
    return action, gaussian - correction


def soft_update(online, target, tau):
    with torch.no_grad():
        for p, t in zip(online.parameters(), target.parameters()):
            t.mul_(1 - tau).add_(p, alpha=tau)


class Agent:
    def __init__(self, pixels, curl, obs_shape, actions, hidden=1024):
        self.pixels, self.curl, self.actions = pixels, curl, actions
        if pixels:
            self.conv, self.target_conv = convolutions(obs_shape[0]), convolutions(obs_shape[0])
            flat = self.conv(torch.zeros(1, *obs_shape)).shape[1]
            self.head, self.target_head, self.actor_head = (feature_head(flat) for _ in range(3))
            self.target_conv.load_state_dict(self.conv.state_dict())
            self.target_head.load_state_dict(self.head.state_dict())
            features = 50
        else:
            features = obs_shape[0]
        self.actor = mlp(features, hidden, 2 * actions)
        self.q1, self.q2 = mlp(features + actions, hidden, 1), mlp(features + actions, hidden, 1)
        self.tq1, self.tq2 = mlp(features + actions, hidden, 1), mlp(features + actions, hidden, 1)
        self.tq1.load_state_dict(self.q1.state_dict())
        self.tq2.load_state_dict(self.q2.state_dict())
        self.log_alpha = torch.tensor([math.log(0.1)], requires_grad=True)
        encoder = list(self.conv.parameters()) + list(self.head.parameters()) if pixels else []
        self.critic_opt = torch.optim.Adam(encoder + list(self.q1.parameters()) + list(self.q2.parameters()), lr=1e-3)
        actor_params = list(self.actor.parameters()) + (list(self.actor_head.parameters()) if pixels else [])
        self.actor_opt = torch.optim.Adam(actor_params, lr=1e-3)
        self.alpha_opt = torch.optim.Adam([self.log_alpha], lr=1e-4, betas=(0.5, 0.999))
        if pixels and curl:
            self.w = torch.rand(50, 50, requires_grad=True)
            self.curl_opt = torch.optim.Adam(encoder + [self.w], lr=1e-3)
        self.updates = 0

    def encode(self, obs, conv, head):
        return head(conv(obs)) if self.pixels else obs

    def actor_input(self, obs):
        return self.conv(obs).detach() if self.pixels else obs

    def act(self, actor_input):
        features = self.actor_head(actor_input) if self.pixels else actor_input
        out = self.actor(features)
        return policy(out, torch.randn(out.shape[0], self.actions))

    def update(self, obs, action, reward, not_done, next_obs, positives):
        alpha = self.log_alpha.exp().detach()
        with torch.no_grad():
            next_action, next_log_prob = self.act(self.actor_input(next_obs))
            target_features = self.encode(next_obs, self.target_conv, self.target_head) if self.pixels else next_obs
            pair = torch.cat([target_features, next_action], 1)
            value = torch.min(self.tq1(pair), self.tq2(pair)) - alpha * next_log_prob
            target = reward + not_done * 0.99 * value
        features = self.encode(obs, self.conv, self.head) if self.pixels else obs
        pair = torch.cat([features, action], 1)
        critic_loss = F.mse_loss(self.q1(pair), target) + F.mse_loss(self.q2(pair), target)
        self.critic_opt.zero_grad()
        critic_loss.backward()
        self.critic_opt.step()
        if self.updates % 2 == 0:
            actor_input = self.actor_input(obs)
            critic_features = self.head(actor_input).detach() if self.pixels else actor_input
            sampled, log_prob = self.act(actor_input)
            pair = torch.cat([critic_features, sampled], 1)
            q = torch.min(self.q1(pair), self.q2(pair))
            actor_loss = (alpha * log_prob - q).mean()
            alpha_loss = (self.log_alpha.exp() * (-log_prob - (-self.actions)).detach()).mean()
            self.actor_opt.zero_grad()
            self.alpha_opt.zero_grad()
            (actor_loss + alpha_loss).backward()
            self.actor_opt.step()
            self.alpha_opt.step()
        if self.updates % 2 == 0:
            soft_update(self.q1, self.tq1, 0.01)
            soft_update(self.q2, self.tq2, 0.01)
            if self.pixels:
                soft_update(self.conv, self.target_conv, 0.05)
                soft_update(self.head, self.target_head, 0.05)
        if self.pixels and self.curl:
            with torch.no_grad():
                keys = self.target_head(self.target_conv(positives))
            anchors = self.head(self.conv(obs))
            logits = anchors @ self.w @ keys.t()
            logits = logits - logits.max(1, keepdim=True)[0].detach()
            curl_loss = F.cross_entropy(logits, torch.arange(logits.shape[0]))
            self.curl_opt.zero_grad()
            curl_loss.backward()
            self.curl_opt.step()
        self.updates += 1


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--agent", choices=["curl", "pixel-sac", "state-sac"], required=True)
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--steps", type=int, default=5)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    pixels = args.agent != "state-sac"
    shape = (9, 84, 84) if pixels else (5,)
    n = args.batch
    obs, next_obs, positives = (torch.rand(n, *shape) for _ in range(3))
    action = torch.rand(n, 1) * 2 - 1
    reward, not_done = torch.rand(n, 1), torch.ones(n, 1)
    agent = Agent(pixels, args.agent == "curl", shape, 1)
    seconds = []
    for step in range(args.warmup + args.steps):
        t0 = time.perf_counter()
        agent.update(obs, action, reward, not_done, next_obs, positives if args.agent == "curl" else None)
        if step >= args.warmup:
            seconds.append(time.perf_counter() - t0)
    print(json.dumps({"updates_per_s": 1 / statistics.median(seconds), "step_s": seconds,
                      "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


if __name__ == "__main__":
    main()

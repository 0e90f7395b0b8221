// Orders: look up and create orders for the signed-in customer.
const express = require('express');
const mongoose = require('mongoose');

const router = express.Router();
const Order = mongoose.model('Order', new mongoose.Schema({ customer: String, items: Array, total: Number, status: String, cardLast4: String }));

router.post('/lookup', async (req, res) => {
  // An attacker can send {"customer": {"$ne": null}} and read every order.
  const orders = await Order.find({ customer: req.body.customer, status: req.body.status });
  res.json(orders);
});

router.post('/', async (req, res) => {
  // The whole body, including "status" and "total", comes from the client.
  const order = await Order.create(req.body);
  res.status(201).json(order);
});

router.get('/mine', async (req, res) => {
  // Safe: the customer comes from the server-side session, and is coerced to a string.
  const orders = await Order.find({ customer: String(req.session.customerId) });
  res.json(orders);
});

module.exports = router;
